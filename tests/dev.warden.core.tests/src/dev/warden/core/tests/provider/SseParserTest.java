package dev.warden.core.tests.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.warden.core.internal.provider.SseParser;

class SseParserTest {

	private static List<String> parse(byte[] bytes, int chunk) {
		List<String> events = new ArrayList<>();
		SseParser parser = new SseParser((type, data) -> events.add(type + "|" + data));
		for (int i = 0; i < bytes.length; i += chunk) {
			parser.feed(bytes, i, Math.min(chunk, bytes.length - i));
		}
		parser.finish();
		return events;
	}

	private static List<String> parse(String text) {
		return parse(text.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
	}

	@Test
	void joinsMultiLineDataWithLineFeeds() {
		assertEquals(List.of("message|first\nsecond\n"), parse("data: first\ndata:second\ndata\n\n"));
	}

	@Test
	void acceptsCrLfAndBareCrLineEnds() {
		assertEquals(List.of("a|1", "b|2", "message|3"), parse("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n"));
	}

	@Test
	void ignoresCommentsIdsAndRetryFields() {
		assertEquals(List.of("message|x"), parse(": keep-alive\nid: 7\nretry: 100\ndata: x\n\n"));
	}

	@Test
	void removesOnlyOneLeadingSpaceFromValues() {
		assertEquals(List.of("message|  two spaces"), parse("data:   two spaces\n\n"));
	}

	@Test
	void dropsAnEventThatTheStreamEndsBeforeItsBlankLine() {
		assertEquals(List.of("message|complete"), parse("data: complete\n\ndata: incomplete\n"));
	}

	@Test
	void blankLineWithoutDataDispatchesNothingAndForgetsTheEventType() {
		assertEquals(List.of("message|x"), parse("event: ignored\n\ndata: x\n\n"));
	}

	@Test
	void skipsByteOrderMarkAtTheStart() {
		assertEquals(List.of("message|x"), parse("\uFEFFdata: x\n\n"));
	}

	@Test
	void everyChunkingOfARecordedStreamGivesTheSameEvents() {
		byte[] lf = LoopbackModelServer.resource("anthropic-text.sse");
		byte[] crlf = LoopbackModelServer.crlf(lf);
		List<String> expected = parse(lf, Integer.MAX_VALUE);
		assertEquals(9, expected.size());
		for (int chunk = 1; chunk <= 64; chunk++) {
			assertEquals(expected, parse(lf, chunk), "LF stream in chunks of " + chunk);
			assertEquals(expected, parse(crlf, chunk), "CRLF stream in chunks of " + chunk);
		}
	}

	@Test
	void multiByteCharactersSplitAcrossChunksSurvive() {
		byte[] bytes = "data: ✓𝄞ö\n\n".getBytes(StandardCharsets.UTF_8);
		for (int chunk = 1; chunk < bytes.length; chunk++) {
			assertEquals(List.of("message|✓𝄞ö"), parse(bytes, chunk));
		}
	}
}
