package dev.warden.core.trust;

/**
 * A line of a pattern list that is not a valid pattern; it is ignored.
 *
 * @param lineNumber the line number, from 1
 * @param line       the line as written
 * @param message    what is wrong
 */
public record PatternProblem(int lineNumber, String line, String message) {

	@Override
	public String toString() {
		return "line " + lineNumber + ": " + message;
	}
}
