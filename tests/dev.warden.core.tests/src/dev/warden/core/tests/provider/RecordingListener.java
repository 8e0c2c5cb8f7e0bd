package dev.warden.core.tests.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.warden.core.provider.StreamListener;
import dev.warden.core.provider.ToolCall;
import dev.warden.core.provider.Usage;

/** Keeps everything a stream delivered. */
final class RecordingListener implements StreamListener {

	final StringBuilder text = new StringBuilder();

	final List<ToolCall> calls = new CopyOnWriteArrayList<>();

	final List<Duration> retryDelays = new CopyOnWriteArrayList<>();

	final List<String> retryReasons = new CopyOnWriteArrayList<>();

	volatile Usage usage;

	@Override
	public synchronized void textDelta(String delta) {
		text.append(delta);
	}

	@Override
	public void toolCall(ToolCall call) {
		calls.add(call);
	}

	@Override
	public void usage(Usage newUsage) {
		usage = newUsage;
	}

	@Override
	public void retrying(int attempt, Duration delay, String reason) {
		retryDelays.add(delay);
		retryReasons.add(reason);
	}

	synchronized String text() {
		return text.toString();
	}
}
