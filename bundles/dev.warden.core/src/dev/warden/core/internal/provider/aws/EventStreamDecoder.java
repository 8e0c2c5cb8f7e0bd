package dev.warden.core.internal.provider.aws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Reads the {@code application/vnd.amazon.eventstream} framing of streamed AWS answers: each message is a 12-byte
 * prelude (total length, headers length, CRC32 of those eight bytes), the headers, the payload and a CRC32 of
 * everything before it, all integers big-endian. Header values are typed (0 true, 1 false, 2 byte, 3 short,
 * 4 integer, 5 long, 6 bytes, 7 string, 8 timestamp, 9 UUID).
 * <p>
 * Bytes may arrive in pieces of any size: {@link #feed} keeps an incomplete message until the rest arrives. Both
 * checksums are verified before a message is handed on, so a damaged message is never read as an event. Written
 * here rather than taken from the SDK's {@code eventstream} module, which needs {@code sdk-core} and
 * {@code utils} besides and has no OSGi manifest.
 */
public final class EventStreamDecoder {

	/** Prelude (12 bytes) and message checksum (4 bytes). */
	static final int OVERHEAD = 16;

	/** The AWS SDKs' limit for one message. */
	static final int MAX_MESSAGE = 16 * 1024 * 1024;

	/** The AWS SDKs' limit for the headers of one message. */
	static final int MAX_HEADERS = 128 * 1024;

	/**
	 * One decoded message.
	 *
	 * @param headers the headers in order; values are {@code Boolean}, {@code Byte}, {@code Short}, {@code Integer},
	 *                {@code Long}, {@code byte[]}, {@code String}, {@code java.time.Instant} or {@link UUID}
	 * @param payload the payload
	 */
	public record Message(Map<String, Object> headers, byte[] payload) {

		/** @return the string header {@code name}, or {@code null} */
		public String string(String name) {
			return headers.get(name) instanceof String value ? value : null;
		}

		public String payloadText() {
			return new String(payload, StandardCharsets.UTF_8);
		}
	}

	/** The stream is not valid event-stream framing: a checksum does not match or a length is impossible. */
	public static final class MalformedFrameException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		MalformedFrameException(String message) {
			super(message);
		}
	}

	private final Consumer<Message> receiver;

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private long messages;

	/** How many pending bytes the next message needs before it is worth looking at again. */
	private long needed = 12;

	public EventStreamDecoder(Consumer<Message> receiver) {
		this.receiver = receiver;
	}

	/**
	 * Takes the next bytes of the stream and hands every message completed by them to the receiver.
	 *
	 * @throws MalformedFrameException if the bytes are not valid framing; nothing after it is read
	 */
	public void feed(byte[] bytes, int offset, int length) {
		pending.write(bytes, offset, length);
		if (pending.size() < needed) {
			return; // a long message arriving in small pieces is not copied again for every piece
		}
		needed = 12;
		byte[] data = pending.toByteArray();
		int position = 0;
		while (data.length - position >= 12) {
			ByteBuffer prelude = ByteBuffer.wrap(data, position, 12);
			long total = Integer.toUnsignedLong(prelude.getInt());
			long headersLength = Integer.toUnsignedLong(prelude.getInt());
			long preludeCrc = Integer.toUnsignedLong(prelude.getInt());
			if (crc(data, position, 8) != preludeCrc) {
				throw new MalformedFrameException("the prelude checksum of message " + (messages + 1) //$NON-NLS-1$
						+ " does not match"); //$NON-NLS-1$
			}
			if (total < OVERHEAD || total > MAX_MESSAGE || headersLength > MAX_HEADERS
					|| headersLength > total - OVERHEAD) {
				throw new MalformedFrameException("message " + (messages + 1) + " announces impossible lengths (total " //$NON-NLS-1$ //$NON-NLS-2$
						+ total + ", headers " + headersLength + ')'); //$NON-NLS-1$
			}
			if (data.length - position < total) {
				needed = total;
				break;
			}
			int end = position + (int) total;
			long messageCrc = Integer.toUnsignedLong(ByteBuffer.wrap(data, end - 4, 4).getInt());
			if (crc(data, position, (int) total - 4) != messageCrc) {
				throw new MalformedFrameException("the checksum of message " + (messages + 1) + " does not match"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			Map<String, Object> headers = headers(data, position + 12, (int) headersLength);
			int payloadStart = position + 12 + (int) headersLength;
			byte[] payload = java.util.Arrays.copyOfRange(data, payloadStart, end - 4);
			position = end;
			messages++;
			receiver.accept(new Message(Collections.unmodifiableMap(headers), payload));
		}
		pending.reset();
		pending.write(data, position, data.length - position);
	}

	/** @return whether bytes of an unfinished message are waiting */
	public boolean hasPartialMessage() {
		return pending.size() > 0;
	}

	/** @return how many messages were decoded */
	public long messages() {
		return messages;
	}

	private Map<String, Object> headers(byte[] data, int start, int length) {
		Map<String, Object> headers = new LinkedHashMap<>();
		ByteBuffer buffer = ByteBuffer.wrap(data, start, length);
		try {
			while (buffer.hasRemaining()) {
				int nameLength = buffer.get() & 0xff;
				if (nameLength == 0) {
					throw new MalformedFrameException("a header of message " + (messages + 1) + " has no name"); //$NON-NLS-1$ //$NON-NLS-2$
				}
				String name = utf8(buffer, nameLength);
				int type = buffer.get() & 0xff;
				Object value = switch (type) {
				case 0 -> Boolean.TRUE;
				case 1 -> Boolean.FALSE;
				case 2 -> buffer.get();
				case 3 -> buffer.getShort();
				case 4 -> buffer.getInt();
				case 5 -> buffer.getLong();
				case 6 -> {
					byte[] value6 = new byte[buffer.getShort() & 0xffff];
					buffer.get(value6);
					yield value6;
				}
				case 7 -> utf8(buffer, buffer.getShort() & 0xffff);
				case 8 -> java.time.Instant.ofEpochMilli(buffer.getLong());
				case 9 -> new UUID(buffer.getLong(), buffer.getLong());
				default -> throw new MalformedFrameException("header '" + name + "' of message " + (messages + 1) //$NON-NLS-1$ //$NON-NLS-2$
						+ " has the unknown type " + type); //$NON-NLS-1$
				};
				headers.put(name, value);
			}
		} catch (java.nio.BufferUnderflowException e) {
			throw new MalformedFrameException("the headers of message " + (messages + 1) + " are cut off"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return headers;
	}

	private static String utf8(ByteBuffer buffer, int length) {
		byte[] bytes = new byte[length];
		buffer.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static long crc(byte[] data, int offset, int length) {
		CRC32 crc = new CRC32();
		crc.update(data, offset, length);
		return crc.getValue();
	}
}
