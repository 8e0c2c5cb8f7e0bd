package dev.warden.core.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The deny list Warden ships with: the resource {@code default-deny.txt} next to this class, in the pattern list
 * format. The preference page shows it as the starting point of the user's editable deny list.
 */
public final class DefaultDenyList {

	private static final String RESOURCE = "default-deny.txt";

	private DefaultDenyList() {
	}

	/** The text of the default deny list, comments included. */
	public static String text() {
		return Text.VALUE;
	}

	/** The resource, read once when first asked for: settings consult it on every command. */
	private static final class Text {
		static final String VALUE = read();

		private static String read() {
			try (InputStream in = DefaultDenyList.class.getResourceAsStream(RESOURCE)) {
				if (in == null) {
					throw new IllegalStateException("the resource " + RESOURCE + " is missing from the Warden core");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
			}
		}
	}

	/** The default deny list, scope {@link PatternScope#DEFAULT}. */
	public static PatternList load() {
		return PatternList.parse(PatternScope.DEFAULT, "Default deny list", text());
	}
}
