package dev.warden.core.tests.provider.aws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes {@code application/vnd.amazon.eventstream} messages as Bedrock sends them, for the loopback servers: string
 * headers only unless given typed values, checksums computed here with the JDK's CRC32.
 */
final class EventStreamFrames {

	private EventStreamFrames() {
	}

	/** An event of a Converse stream: {@code :message-type event}, {@code :event-type}, JSON payload. */
	static byte[] event(String type, String json) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(":event-type", type);
		headers.put(":content-type", "application/json");
		headers.put(":message-type", "event");
		return frame(headers, json.getBytes(StandardCharsets.UTF_8));
	}

	/** An exception of a Converse stream, e.g. {@code throttlingException}. */
	static byte[] exception(String type, String message) {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(":exception-type", type);
		headers.put(":content-type", "application/json");
		headers.put(":message-type", "exception");
		return frame(headers, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param headers values: {@code Boolean}, {@code Byte}, {@code Short}, {@code Integer}, {@code Long},
	 *                {@code byte[]}, {@code String}, {@code java.time.Instant}, {@code java.util.UUID}
	 */
	static byte[] frame(Map<String, Object> headers, byte[] payload) {
		ByteArrayOutputStream encodedHeaders = new ByteArrayOutputStream();
		headers.forEach((name, value) -> {
			byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
			encodedHeaders.write(nameBytes.length);
			encodedHeaders.writeBytes(nameBytes);
			ByteBuffer buffer = ByteBuffer.allocate(1 + 2 + 65535);
			switch (value) {
			case Boolean b -> buffer.put((byte) (b ? 0 : 1));
			case Byte b -> buffer.put((byte) 2).put(b);
			case Short s -> buffer.put((byte) 3).putShort(s);
			case Integer i -> buffer.put((byte) 4).putInt(i);
			case Long l -> buffer.put((byte) 5).putLong(l);
			case byte[] bytes -> buffer.put((byte) 6).putShort((short) bytes.length).put(bytes);
			case String s -> {
				byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
				buffer.put((byte) 7).putShort((short) bytes.length).put(bytes);
			}
			case java.time.Instant t -> buffer.put((byte) 8).putLong(t.toEpochMilli());
			case java.util.UUID u -> buffer.put((byte) 9).putLong(u.getMostSignificantBits())
					.putLong(u.getLeastSignificantBits());
			default -> throw new IllegalArgumentException("no header type for " + value);
			}
			encodedHeaders.write(buffer.array(), 0, buffer.position());
		});
		byte[] headerBytes = encodedHeaders.toByteArray();
		int total = 12 + headerBytes.length + payload.length + 4;
		ByteBuffer message = ByteBuffer.allocate(total);
		message.putInt(total).putInt(headerBytes.length);
		message.putInt((int) crc(message.array(), 0, 8));
		message.put(headerBytes).put(payload);
		message.putInt((int) crc(message.array(), 0, total - 4));
		return message.array();
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** @return a copy of {@code frame} with one bit of byte {@code index} flipped */
	static byte[] damaged(byte[] frame, int index) {
		byte[] copy = frame.clone();
		copy[index] ^= 0x10;
		return copy;
	}

	private static long crc(byte[] data, int offset, int length) {
		CRC32 crc = new CRC32();
		crc.update(data, offset, length);
		return crc.getValue();
	}
}
