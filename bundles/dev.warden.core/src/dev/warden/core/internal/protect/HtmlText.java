package dev.warden.core.internal.protect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML page into readable text with jsoup: scripts, styles and content a browser would not show (hidden
 * elements) are dropped — they are where instructions aimed at a model hide — headings become {@code #} lines, list
 * items {@code -} lines, links keep their target in parentheses, and blocks are separated by line breaks.
 */
public final class HtmlText {

	private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "dd", "div", "dl",
			"dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
			"main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul", "title", "body", "caption");
	private static final Pattern HIDDEN_STYLE = Pattern.compile("(display\\s*:\\s*none|visibility\\s*:\\s*hidden)",
			Pattern.CASE_INSENSITIVE);
	private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\n\\u00A0]+");

	private HtmlText() {
	}

	/**
	 * The readable text of an HTML document.
	 *
	 * @param charset the character set from the response, or {@code null} to let jsoup find it in the document
	 * @param baseUrl the document's URL, for making links absolute
	 */
	public static String toText(byte[] html, String charset, String baseUrl) throws IOException {
		Document document = Jsoup.parse(new ByteArrayInputStream(html), charset, baseUrl);
		String title = document.title();
		document.select("head, script, style, noscript, template, iframe, object, embed, svg, canvas, "
				+ "[hidden], [aria-hidden=true], input[type=hidden]").remove();
		for (Element styled : document.select("[style]")) {
			if (HIDDEN_STYLE.matcher(styled.attr("style")).find()) {
				styled.remove();
			}
		}
		StringBuilder text = new StringBuilder();
		if (!title.isBlank()) {
			text.append("# ").append(title.strip()).append("\n\n");
		}
		NodeTraversor.traverse(new Renderer(text), document.body() == null ? document : document.body());
		return tidy(text.toString());
	}

	private static final class Renderer implements NodeVisitor {
		private final StringBuilder text;
		private int preformatted;

		Renderer(StringBuilder text) {
			this.text = text;
		}

		@Override
		public void head(Node node, int depth) {
			if (node instanceof TextNode textNode) {
				String words = preformatted > 0 ? textNode.getWholeText()
						: SPACES.matcher(textNode.getWholeText()).replaceAll(" ");
				if (preformatted == 0 && (text.isEmpty() || text.charAt(text.length() - 1) == '\n')) {
					words = words.stripLeading();
				}
				text.append(words);
			} else if (node instanceof Element element) {
				String tag = element.normalName();
				if (tag.equals("pre")) {
					preformatted++;
				}
				if (tag.equals("br")) {
					text.append('\n');
				} else if (BLOCKS.contains(tag)) {
					newline();
				}
				if (tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
					text.append("#".repeat(tag.charAt(1) - '0')).append(' ');
				} else if (tag.equals("li")) {
					text.append("- ");
				} else if (tag.equals("td") || tag.equals("th")) {
					text.append(' ');
				}
			}
		}

		@Override
		public void tail(Node node, int depth) {
			if (node instanceof Element element) {
				String tag = element.normalName();
				if (tag.equals("pre")) {
					preformatted--;
				}
				if (tag.equals("a")) {
					String href = element.absUrl("href");
					String lower = href.toLowerCase(Locale.ROOT);
					if ((lower.startsWith("http://") || lower.startsWith("https://"))
							&& !element.text().strip().equals(href)) {
						text.append(" (").append(href).append(')');
					}
				}
				if (BLOCKS.contains(tag)) {
					newline();
				}
			}
		}

		private void newline() {
			if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
				text.append('\n');
			}
		}
	}

	/** Trims line ends and keeps at most one empty line in a row. */
	private static String tidy(String text) {
		StringBuilder out = new StringBuilder();
		int blank = 0;
		for (String line : text.split("\n", -1)) {
			String trimmed = line.stripTrailing();
			if (trimmed.isBlank()) {
				if (++blank > 1 || out.isEmpty()) {
					continue;
				}
				out.append('\n');
			} else {
				blank = 0;
				out.append(trimmed).append('\n');
			}
		}
		return out.toString().strip() + "\n";
	}
}
