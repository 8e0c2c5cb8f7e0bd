package dev.warden.ui.internal.chat;

import java.util.ArrayList;
import java.util.List;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import dev.warden.ui.internal.chat.RichText.CodeBlock;
import dev.warden.ui.internal.chat.RichText.Prose;
import dev.warden.ui.internal.chat.RichText.Segment;
import dev.warden.ui.internal.chat.RichText.Span;
import dev.warden.ui.internal.chat.RichText.Style;

/**
 * Renders Markdown (CommonMark, parsed by commonmark-java) as {@link RichText}. HTML in the model's answer is shown as
 * text, never interpreted; images show their description.
 * <p>
 * An answer that is still streaming in is rendered with {@link #renderStreaming(String)}, which tells which part of
 * it is final, so that a long answer is parsed and drawn once, not again with every new token.
 */
public final class MarkdownRenderer {

	private static final Parser PARSER = Parser.builder().build();
	private static final Parser BLOCK_PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

	/** What separates two top-level blocks in rendered prose. */
	static final String BLOCK_SEPARATOR = "\n\n"; //$NON-NLS-1$

	private MarkdownRenderer() {
	}

	public static RichText render(String markdown) {
		Builder builder = new Builder();
		PARSER.parse(markdown == null ? "" : markdown).accept(builder); //$NON-NLS-1$
		return builder.finish();
	}

	/**
	 * Markdown that is still growing, split where its beginning became final. {@code stable} renders the first
	 * {@code stableLength} chars, which no text appended later can change; {@code live} renders the rest. Rendering
	 * {@code stable} and then {@code live} gives what {@link #render(String)} gives for the whole, except that
	 * adjacent prose of the two is one segment there, joined by {@link #BLOCK_SEPARATOR}.
	 */
	public record Split(RichText stable, int stableLength, RichText live) {
	}

	/**
	 * Renders Markdown that more text may still be appended to. CommonMark parses blocks line by line and never
	 * reopens a block once a later top-level block has started, so every top-level block before the last one is final,
	 * provided the line that starts the last one is complete (a partial line such as {@code #} may yet turn out to
	 * continue the block before it). One exception is accepted: a link reference definition that arrives after the
	 * final part does not turn the references in that part into links.
	 */
	public static Split renderStreaming(String markdown) {
		String source = markdown == null ? "" : markdown; //$NON-NLS-1$
		Node document = BLOCK_PARSER.parse(source);
		Node live = firstLiveBlock(document, source);
		Builder stable = new Builder();
		Builder rest = new Builder();
		int stableLength = 0;
		boolean reachedLive = false;
		for (Node block = document.getFirstChild(); block != null; block = block.getNext()) {
			if (block == live) {
				reachedLive = true;
				stableLength = offsetOfLine(source, block.getSourceSpans().get(0).getLineIndex());
			}
			block.accept(reachedLive ? rest : stable);
		}
		if (!reachedLive) {
			stableLength = source.length();
		}
		return new Split(stable.finish(), stableLength, rest.finish());
	}

	/** The first top-level block that may still change, or null when there is none. */
	private static Node firstLiveBlock(Node document, String source) {
		Node last = document.getLastChild();
		if (last == null || last.getSourceSpans().isEmpty()) {
			return document.getFirstChild();
		}
		SourceSpan start = last.getSourceSpans().get(0);
		int lineStart = offsetOfLine(source, start.getLineIndex());
		boolean complete = lineStart >= 0 && lineEnd(source, lineStart) < source.length();
		Node live = complete ? last : last.getPrevious();
		return live == null || live.getSourceSpans().isEmpty() ? document.getFirstChild() : live;
	}

	/** The offset where line {@code index} starts, counting line ends as CommonMark does (LF, CR LF, CR); -1 if none. */
	private static int offsetOfLine(String source, int index) {
		int offset = 0;
		for (int line = 0; line < index; line++) {
			int end = lineEnd(source, offset);
			if (end >= source.length()) {
				return -1;
			}
			offset = end + (source.charAt(end) == '\r' && end + 1 < source.length() && source.charAt(end + 1) == '\n' ? 2 : 1);
		}
		return offset;
	}

	private static int lineEnd(String source, int from) {
		for (int i = from; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c == '\n' || c == '\r') {
				return i;
			}
		}
		return source.length();
	}

	private static final class Builder extends AbstractVisitor {

		private final List<Segment> segments = new ArrayList<>();
		private final StringBuilder text = new StringBuilder();
		private final List<Span> spans = new ArrayList<>();
		private final List<String> listPrefixes = new ArrayList<>();
		private int quoteDepth;

		RichText finish() {
			flushProse();
			return new RichText(segments);
		}

		private void flushProse() {
			int trimmed = text.length();
			while (trimmed > 0 && text.charAt(trimmed - 1) == '\n') {
				trimmed--;
			}
			int end = trimmed;
			if (end > 0) {
				segments.add(new Prose(text.substring(0, end), spans.stream().filter(s -> s.start() < end)
						.map(s -> s.start() + s.length() > end ? new Span(s.start(), end - s.start(), s.style(), s.target()) : s)
						.toList()));
			}
			text.setLength(0);
			spans.clear();
		}

		private void blockBreak() {
			if (text.length() == 0) {
				return;
			}
			if (text.charAt(text.length() - 1) != '\n') {
				text.append('\n');
			}
			if (listPrefixes.isEmpty() && (text.length() < 2 || text.charAt(text.length() - 2) != '\n')) {
				text.append('\n');
			}
		}

		private void styled(Node node, Style style, String target) {
			int start = text.length();
			visitChildren(node);
			if (text.length() > start) {
				spans.add(new Span(start, text.length() - start, style, target));
			}
		}

		private void lineStart() {
			if (quoteDepth > 0 && (text.length() == 0 || text.charAt(text.length() - 1) == '\n')) {
				int start = text.length();
				text.append("\u2502 ".repeat(quoteDepth)); //$NON-NLS-1$
				spans.add(new Span(start, text.length() - start, Style.QUOTE, "")); //$NON-NLS-1$
			}
		}

		@Override
		public void visit(Paragraph paragraph) {
			if (!(paragraph.getParent() instanceof ListItem) || paragraph.getPrevious() != null) {
				blockBreak();
				lineStart();
			}
			visitChildren(paragraph);
		}

		@Override
		public void visit(Heading heading) {
			blockBreak();
			styled(heading, Style.HEADING, ""); //$NON-NLS-1$
			text.append('\n');
		}

		@Override
		public void visit(Text node) {
			String literal = node.getLiteral();
			if (quoteDepth == 0) {
				text.append(literal);
				return;
			}
			String[] lines = literal.split("\n", -1); //$NON-NLS-1$
			for (int i = 0; i < lines.length; i++) {
				if (i > 0) {
					text.append('\n');
				}
				lineStart();
				text.append(lines[i]);
			}
		}

		@Override
		public void visit(SoftLineBreak node) {
			text.append(' ');
		}

		@Override
		public void visit(HardLineBreak node) {
			text.append('\n');
			lineStart();
		}

		@Override
		public void visit(Emphasis emphasis) {
			styled(emphasis, Style.ITALIC, ""); //$NON-NLS-1$
		}

		@Override
		public void visit(StrongEmphasis strong) {
			styled(strong, Style.BOLD, ""); //$NON-NLS-1$
		}

		@Override
		public void visit(Code code) {
			int start = text.length();
			text.append(code.getLiteral());
			spans.add(new Span(start, code.getLiteral().length(), Style.CODE, "")); //$NON-NLS-1$
		}

		@Override
		public void visit(Link link) {
			styled(link, Style.LINK, link.getDestination());
		}

		@Override
		public void visit(Image image) {
			text.append('[');
			visitChildren(image);
			text.append(']');
		}

		@Override
		public void visit(HtmlInline html) {
			text.append(html.getLiteral());
		}

		@Override
		public void visit(HtmlBlock html) {
			blockBreak();
			text.append(html.getLiteral().stripTrailing());
		}

		@Override
		public void visit(ThematicBreak thematicBreak) {
			blockBreak();
			text.append("\u2500".repeat(24)); //$NON-NLS-1$
		}

		@Override
		public void visit(BlockQuote quote) {
			blockBreak();
			quoteDepth++;
			visitChildren(quote);
			quoteDepth--;
		}

		@Override
		public void visit(BulletList list) {
			list(list, -1);
		}

		@Override
		public void visit(OrderedList list) {
			Integer start = list.getMarkerStartNumber();
			list(list, start == null ? 1 : start);
		}

		private void list(Node list, int firstNumber) {
			blockBreak();
			int number = firstNumber;
			for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
				if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
					text.append('\n');
				}
				String indent = "  ".repeat(listPrefixes.size()); //$NON-NLS-1$
				String marker = firstNumber < 0 ? "\u2022 " : number++ + ". "; //$NON-NLS-1$ //$NON-NLS-2$
				text.append(indent).append(marker);
				listPrefixes.add(marker);
				visitChildren(item);
				listPrefixes.remove(listPrefixes.size() - 1);
			}
			if (listPrefixes.isEmpty()) {
				text.append('\n');
			}
		}

		@Override
		public void visit(FencedCodeBlock code) {
			String info = code.getInfo() == null ? "" : code.getInfo().strip(); //$NON-NLS-1$
			int space = info.indexOf(' ');
			codeBlock(space < 0 ? info : info.substring(0, space), code.getLiteral());
		}

		@Override
		public void visit(IndentedCodeBlock code) {
			codeBlock("", code.getLiteral()); //$NON-NLS-1$
		}

		private void codeBlock(String language, String literal) {
			flushProse();
			String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal; //$NON-NLS-1$
			segments.add(new CodeBlock(language, code));
		}
	}
}
