package dev.warden.core.internal.provider;

/**
 * Turns one protocol's stream events into calls on a {@link ResponseAssembler}. One per attempt; not thread-safe.
 */
public interface EventDecoder {

	/**
	 * @param type the SSE event type ({@code "message"} if the stream sends none)
	 * @param data the event's data
	 * @throws StreamFailure if the server reported an error inside the stream or sent something unreadable
	 */
	void event(String type, String data);

	/** @return whether the protocol's end-of-stream marker arrived, so reading can stop */
	boolean ended();
}
