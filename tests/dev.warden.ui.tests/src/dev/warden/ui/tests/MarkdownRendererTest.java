package dev.warden.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.warden.ui.internal.chat.MarkdownRenderer;
import dev.warden.ui.internal.chat.RichText;
import dev.warden.ui.internal.chat.RichText.CodeBlock;
import dev.warden.ui.internal.chat.RichText.Prose;
import dev.warden.ui.internal.chat.RichText.Span;
import dev.warden.ui.internal.chat.RichText.Style;

class MarkdownRendererTest {

	@Test
	void emphasisCodeAndLinksBecomeStyledRangesOfPlainText() {
		RichText rich = MarkdownRenderer.render("Run **mvn test** in `core`, see [the docs](https://example.org/d).");
		Prose prose = (Prose) rich.segments().get(0);
		assertEquals("Run mvn test in core, see the docs.", prose.text());
		assertEquals(List.of(new Span(4, 8, Style.BOLD, ""), new Span(16, 4, Style.CODE, ""),
				new Span(26, 8, Style.LINK, "https://example.org/d")), prose.spans());
	}

	@Test
	void fencedCodeIsItsOwnSegmentWithItsLanguage() {
		RichText rich = MarkdownRenderer.render("Change it:\n\n```java\nint x = 1;\n```\n\nDone.");
		assertEquals(3, rich.segments().size());
		assertEquals(new CodeBlock("java", "int x = 1;"), rich.segments().get(1));
		assertEquals("Done.", ((Prose) rich.segments().get(2)).text());
	}

	@Test
	void anUnclosedFenceWhileStreamingIsAlreadyCode() {
		RichText rich = MarkdownRenderer.render("```sh\nnpm te");
		assertEquals(List.of(new CodeBlock("sh", "npm te")), rich.segments());
	}

	@Test
	void listsAreIndentedWithMarkers() {
		Prose prose = (Prose) MarkdownRenderer.render("Steps:\n\n1. build\n2. test\n   - unit\n").segments().get(0);
		assertEquals("Steps:\n\n1. build\n2. test\n  \u2022 unit", prose.text());
	}

	@Test
	void htmlInTheAnswerIsShownAsTextNotInterpreted() {
		Prose prose = (Prose) MarkdownRenderer.render("a <script>alert(1)</script> b").segments().get(0);
		assertTrue(prose.text().contains("<script>alert(1)</script>"), prose.text());
	}
}
