package dev.warden.core.tests.provider.aws;

import static dev.warden.core.tests.provider.aws.EventStreamFrames.concat;
import static dev.warden.core.tests.provider.aws.EventStreamFrames.damaged;
import static dev.warden.core.tests.provider.aws.EventStreamFrames.event;
import static dev.warden.core.tests.provider.aws.EventStreamFrames.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.warden.core.internal.provider.aws.EventStreamDecoder;

/** The event-stream framing on its own: every header type, every split, every kind of damage. */
class EventStreamDecoderTest {

	@Test
	void everyHeaderTypeIsDecoded() {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("true", Boolean.TRUE);
		headers.put("false", Boolean.FALSE);
		headers.put("byte", (byte) -7);
		headers.put("short", (short) 31000);
		headers.put("int", 123456789);
		headers.put("long", 1234567890123L);
		headers.put("bytes", new byte[] { 1, 2, 3 });
		headers.put("string", "ሴ text");
		headers.put("time", Instant.ofEpochMilli(1764640000123L));
		UUID uuid = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
		headers.put("uuid", uuid);
		List<EventStreamDecoder.Message> messages = decode(frame(headers, "payload".getBytes(StandardCharsets.UTF_8)));

		assertEquals(1, messages.size());
		Map<String, Object> decoded = messages.get(0).headers();
		assertEquals(List.copyOf(headers.keySet()), List.copyOf(decoded.keySet()), "order kept");
		assertEquals(Boolean.TRUE, decoded.get("true"));
		assertEquals(Boolean.FALSE, decoded.get("false"));
		assertEquals((byte) -7, decoded.get("byte"));
		assertEquals((short) 31000, decoded.get("short"));
		assertEquals(123456789, decoded.get("int"));
		assertEquals(1234567890123L, decoded.get("long"));
		assertArrayEquals(new byte[] { 1, 2, 3 }, (byte[]) decoded.get("bytes"));
		assertEquals("ሴ text", decoded.get("string"));
		assertEquals(Instant.ofEpochMilli(1764640000123L), decoded.get("time"));
		assertEquals(uuid, decoded.get("uuid"));
		assertEquals("payload", messages.get(0).payloadText());
	}

	@Test
	void aMessageWithoutHeadersOrPayloadIsSixteenBytes() {
		byte[] empty = frame(Map.of(), new byte[0]);
		assertEquals(16, empty.length);
		List<EventStreamDecoder.Message> messages = decode(empty);
		assertEquals(1, messages.size());
		assertTrue(messages.get(0).headers().isEmpty());
		assertEquals(0, messages.get(0).payload().length);
	}

	@Test
	void messagesSplitAtEveryByteDecodeAlike() {
		byte[] stream = concat(event("messageStart", "{\"role\":\"assistant\"}"),
				event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}"),
				event("messageStop", "{\"stopReason\":\"end_turn\"}"));
		for (int cut = 0; cut <= stream.length; cut++) {
			List<EventStreamDecoder.Message> messages = new ArrayList<>();
			EventStreamDecoder decoder = new EventStreamDecoder(messages::add);
			decoder.feed(stream, 0, cut);
			decoder.feed(stream, cut, stream.length - cut);
			assertEquals(3, messages.size(), "split at " + cut);
			assertEquals("messageStop", messages.get(2).string(":event-type"));
			assertFalse(decoder.hasPartialMessage());
		}
		List<EventStreamDecoder.Message> oneByOne = new ArrayList<>();
		EventStreamDecoder decoder = new EventStreamDecoder(oneByOne::add);
		for (int i = 0; i < stream.length; i++) {
			decoder.feed(stream, i, 1);
		}
		assertEquals(3, oneByOne.size());
		assertEquals("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}", oneByOne.get(1).payloadText());
	}

	@Test
	void aDamagedByteAnywhereIsRefused() {
		byte[] message = event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}");
		for (int i = 0; i < message.length; i++) {
			byte[] bad = damaged(message, i);
			List<EventStreamDecoder.Message> messages = new ArrayList<>();
			EventStreamDecoder decoder = new EventStreamDecoder(messages::add);
			assertThrows(EventStreamDecoder.MalformedFrameException.class, () -> decoder.feed(bad, 0, bad.length),
					"byte " + i);
			assertTrue(messages.isEmpty(), "nothing of a damaged message is handed on (byte " + i + ")");
		}
	}

	@Test
	void aMessageAfterAGoodOneIsCheckedToo() {
		byte[] good = event("messageStart", "{\"role\":\"assistant\"}");
		byte[] bad = damaged(event("contentBlockDelta", "{\"delta\":{\"text\":\"x\"}}"), 30);
		List<EventStreamDecoder.Message> messages = new ArrayList<>();
		EventStreamDecoder decoder = new EventStreamDecoder(messages::add);
		byte[] stream = concat(good, bad);
		EventStreamDecoder.MalformedFrameException e = assertThrows(EventStreamDecoder.MalformedFrameException.class,
				() -> decoder.feed(stream, 0, stream.length));
		assertEquals(1, messages.size(), "the good message before it was read");
		assertTrue(e.getMessage().contains("message 2"), e.getMessage());
	}

	@Test
	void impossibleLengthsAreRefusedBeforeWaitingForThem() {
		ByteBuffer prelude = ByteBuffer.allocate(12);
		prelude.putInt(64 * 1024 * 1024).putInt(0);
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(prelude.array(), 0, 8);
		prelude.putInt((int) crc.getValue());
		EventStreamDecoder decoder = new EventStreamDecoder(m -> {
		});
		EventStreamDecoder.MalformedFrameException e = assertThrows(EventStreamDecoder.MalformedFrameException.class,
				() -> decoder.feed(prelude.array(), 0, 12));
		assertTrue(e.getMessage().contains("impossible lengths"), e.getMessage());

		ByteBuffer headersTooLong = ByteBuffer.allocate(12);
		headersTooLong.putInt(20).putInt(10);
		crc.reset();
		crc.update(headersTooLong.array(), 0, 8);
		headersTooLong.putInt((int) crc.getValue());
		assertThrows(EventStreamDecoder.MalformedFrameException.class,
				() -> new EventStreamDecoder(m -> {
				}).feed(headersTooLong.array(), 0, 12));
	}

	@Test
	void anUnfinishedMessageIsHeldBack() {
		byte[] message = event("messageStart", "{\"role\":\"assistant\"}");
		List<EventStreamDecoder.Message> messages = new ArrayList<>();
		EventStreamDecoder decoder = new EventStreamDecoder(messages::add);
		decoder.feed(message, 0, message.length - 1);
		assertTrue(messages.isEmpty());
		assertTrue(decoder.hasPartialMessage());
	}

	private static List<EventStreamDecoder.Message> decode(byte[] bytes) {
		List<EventStreamDecoder.Message> messages = new ArrayList<>();
		new EventStreamDecoder(messages::add).feed(bytes, 0, bytes.length);
		return messages;
	}
}
