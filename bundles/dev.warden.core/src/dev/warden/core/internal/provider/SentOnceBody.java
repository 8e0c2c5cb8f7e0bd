package dev.warden.core.internal.provider;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that lets go of its bytes once the answer has come ({@link #release()}). The JDK's HTTP client keeps
 * a pooled connection's first request reachable (its connect timer holds the exchange), and with it the body: a
 * model request carries the whole conversation, megabytes in a long chat, held for as long as the connection is
 * pooled. Sending again after the release fails the request instead of sending another body.
 */
public final class SentOnceBody implements HttpRequest.BodyPublisher {

	private final long length;
	private volatile byte[] bytes;

	public SentOnceBody(byte[] bytes) {
		this.bytes = bytes;
		this.length = bytes.length;
	}

	@Override
	public long contentLength() {
		return length;
	}

	@Override
	public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
		byte[] body = bytes;
		if (body == null) {
			subscriber.onSubscribe(new Flow.Subscription() {
				@Override
				public void request(long n) {
					// nothing to send
				}

				@Override
				public void cancel() {
					// nothing to stop
				}
			});
			subscriber.onError(new IllegalStateException("The request body was sent already")); //$NON-NLS-1$
			return;
		}
		HttpRequest.BodyPublishers.ofByteArray(body).subscribe(subscriber);
	}

	/** The answer came: the body is not needed any more. */
	public void release() {
		bytes = null;
	}
}
