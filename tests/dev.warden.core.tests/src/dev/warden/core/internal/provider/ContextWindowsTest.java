package dev.warden.core.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.operations.Cancellation;
import dev.warden.core.provider.ApiKey;
import dev.warden.core.provider.ContextWindow;
import dev.warden.core.provider.ProviderConfig;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.RetryPolicy;
import dev.warden.core.tests.provider.LoopbackModelServer;

/**
 * A model list that could not be read does not leave the window unknown for the life of the IDE: the server is asked
 * again a minute later, and at once when the user cancelled the asking.
 */
class ContextWindowsTest {

	private static final String LIST = "{\"object\":\"list\",\"data\":[{\"id\":\"m\",\"context_length\":8192}]}";

	private static final ContextWindow LISTED = new ContextWindow(8192, ContextWindow.FROM_PROVIDER);

	private LoopbackModelServer server;

	@BeforeEach
	void setUp() throws Exception {
		server = new LoopbackModelServer();
	}

	@AfterEach
	void tearDown() {
		server.close();
	}

	private ProviderConfig config() {
		return new ProviderConfig(ProviderKind.OPENAI_COMPATIBLE, server.baseUrl() + "/v1", "m", 256, null,
				Duration.ofSeconds(20), ApiKey.NONE, new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
	}

	@Test
	void aListThatFailedIsAskedForAgainAMinuteLaterAndAReadOneIsKept() {
		long now = System.nanoTime();
		server.then(LoopbackModelServer.status(503, "{\"error\":{\"message\":\"loading the model\"}}"));
		assertEquals(ContextWindow.UNKNOWN, ContextWindows.find(config(), new Cancellation(), now));
		server.then(LoopbackModelServer.status(200, LIST));
		assertEquals(ContextWindow.UNKNOWN, ContextWindows.find(config(), new Cancellation(), now + 1_000_000_000L),
				"not asked again within the minute");
		assertEquals(1, server.received().size());

		long later = now + ContextWindows.ASK_AGAIN_AFTER_FAILURE.toNanos() + 1;
		assertEquals(LISTED, ContextWindows.find(config(), new Cancellation(), later));
		assertEquals(LISTED, ContextWindows.find(config(), new Cancellation(), later + Duration.ofDays(1).toNanos()));
		assertEquals(2, server.received().size(), "a list read is kept");
	}

	@Test
	void aCancelledAskingIsNotRemembered() {
		Cancellation cancelled = new Cancellation();
		cancelled.cancel();
		server.then(LoopbackModelServer.status(200, LIST));
		assertEquals(ContextWindow.UNKNOWN, ContextWindows.find(config(), cancelled, System.nanoTime()));
		server.then(LoopbackModelServer.status(200, LIST));
		assertEquals(LISTED, ContextWindows.find(config(), new Cancellation(), System.nanoTime()));
	}
}
