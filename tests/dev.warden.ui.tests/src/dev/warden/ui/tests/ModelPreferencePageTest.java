package dev.warden.ui.tests;

import dev.warden.core.settings.WardenPreferences;
import dev.warden.ui.internal.WardenServices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.warden.core.provider.AwsAccess;
import dev.warden.core.provider.AwsCredentialSource;
import dev.warden.core.provider.ProviderKind;
import dev.warden.core.provider.ProviderPreset;
import dev.warden.ui.internal.model.ModelPreferencePage;
import dev.warden.core.settings.ModelSettings;
import dev.warden.ui.internal.model.ModelPreferencePage;

/**
 * The Model page against a real OpenAI-compatible server on loopback, with the key in the test run's own secure
 * storage.
 */
class ModelPreferencePageTest {

	private static final String KEY = "sk-warden-test-0123456789abcdefSECRET";

	private static final String BEDROCK_MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

	private static final String BEDROCK_KEY = "ABSKd2FyZGVuLWJlZHJvY2stdGVzdA==";

	private HttpServer server;
	private final List<String> authorizations = new CopyOnWriteArrayList<>();
	private PreferenceDialog dialog;

	@BeforeEach
	void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/chat/completions", exchange -> {
			authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"test-model\",\"choices\":"
						+ "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"OK\"},\"finish_reason\":null}]}\n\n"
						+ "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"test-model\",\"choices\":"
						+ "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" + "data: [DONE]\n\n")
						.getBytes(StandardCharsets.UTF_8));
			}
		});
		server.createContext("/v1/models", exchange -> {
			authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] body = ("{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5-coder:7b\",\"object\":\"model\"},"
					+ "{\"id\":\"llama3.2:3b\",\"object\":\"model\"}]}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		clearSettings();
	}

	@AfterEach
	void stop() throws Exception {
		if (dialog != null) {
			dialog.close();
		}
		server.stop(0);
		clearSettings();
	}

	private static void clearSettings() {
		try {
			InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER).clear();
			SecurePreferencesFactory.getDefault().node(ModelSettings.SECURE_NODE).removeNode();
			SecurePreferencesFactory.getDefault().flush();
		} catch (Exception e) {
			throw new AssertionError("could not reset the model settings", e);
		}
	}

	@Test
	void testConnectionTalksToTheServerAndTheKeyLandsOnlyInSecureStorage() throws Exception {
		assertFalse(WardenServices.model().isConfigured());
		ModelPreferencePage page = openPage();
		String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
		page.fill(ProviderPreset.CUSTOM, url, "test-model", KEY);

		page.pressTestConnection();
		Display display = dialog.getShell().getDisplay();
		Workbenches.waitUntil(display, () -> page.testResultText().startsWith("Connected"), 20,
				"the connection test reports success, not: " + page.testResultText());
		assertEquals(List.of("Bearer " + KEY), authorizations, "the typed key was sent, once");
		Screenshots.take(dialog.getShell(), "preferences-model");

		assertTrue(page.performOk());
		assertTrue(WardenServices.model().isConfigured());
		assertEquals("test-model", WardenServices.model().config().model());
		assertEquals(url, WardenServices.model().config().baseUrl());
		assertEquals(KEY, WardenServices.model().config().apiKey().reveal(), "the key reads back from secure storage");
		InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER).flush();
		SecurePreferencesFactory.getDefault().flush();

		Path metadata = ResourcesPlugin.getWorkspace().getRoot().getLocation().toFile().toPath().resolve(".metadata");
		List<Path> leaks = filesContaining(metadata, KEY);
		assertEquals(List.of(), leaks, "no file of the workspace metadata (preferences, logs) holds the key");
		Path keyring = Path.of(System.getProperty("warden.keyring"));
		assertTrue(Files.size(keyring) > 0, "secure storage was written");
		assertEquals(List.of(), filesContaining(keyring, KEY), "secure storage holds the key encrypted only");
	}

	@Test
	void fetchModelsFillsTheModelFieldFromTheServersModelsEndpoint() throws Exception {
		ModelPreferencePage page = openPage();
		page.fill(ProviderPreset.CUSTOM, "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "", KEY);

		page.pressFetchModels();
		Display display = dialog.getShell().getDisplay();
		Workbenches.waitUntil(display, () -> !page.offeredModels().isEmpty(), 20,
				"the model field offers the server's models; the page says: " + page.testResultText());
		assertEquals(List.of("llama3.2:3b", "qwen2.5-coder:7b"), page.offeredModels());
		assertTrue(page.testResultText().contains("2 models"), page.testResultText());
		assertEquals(List.of("Bearer " + KEY), authorizations, "the typed key was sent");
	}

	@Test
	void bedrockOffersRegionModelAndCredentialSourceAndTalksToTheConverseStream() throws Exception {
		List<String> paths = new CopyOnWriteArrayList<>();
		server.createContext("/model/", exchange -> {
			paths.add(exchange.getRequestURI().getRawPath());
			authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Content-Type", "application/vnd.amazon.eventstream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(bedrockEvent("messageStart", "{\"role\":\"assistant\"}"));
				body.write(bedrockEvent("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"OK\"}}"));
				body.write(bedrockEvent("contentBlockStop", "{\"contentBlockIndex\":0}"));
				body.write(bedrockEvent("messageStop", "{\"stopReason\":\"end_turn\"}"));
				body.write(bedrockEvent("metadata", "{\"usage\":{\"inputTokens\":9,\"outputTokens\":1}}"));
			}
		});
		ModelPreferencePage page = openPage();
		dialog.getShell().setSize(900, 800); // the AWS rows make the page taller
		Display display = dialog.getShell().getDisplay();
		Workbenches.waitUntil(display, () -> dialog.getShell().isVisible(), 20, "the preference dialog is shown");
		assertFalse(page.awsRowsShown(), "no AWS settings for other providers");

		page.fillBedrock("eu-central-1", AwsCredentialSource.PROFILE, "dev", BEDROCK_MODEL, "");
		assertTrue(page.awsRowsShown());
		assertEquals("https://bedrock-runtime.eu-central-1.amazonaws.com", page.baseUrlText(),
				"the base URL follows the region");
		assertTrue(page.profileEditable());
		assertFalse(page.keyEditable(), "AWS credentials are not typed into Warden");
		dialog.getShell().update();
		Workbenches.settle(display);
		Workbenches.settle(display);
		Screenshots.take(dialog.getShell(), "preferences-model-bedrock-profile");
		assertTrue(page.performOk());
		ModelSettings.Values saved = WardenServices.model().load();
		assertEquals(ProviderPreset.BEDROCK, saved.preset());
		assertEquals(new AwsAccess("eu-central-1", AwsCredentialSource.PROFILE, "dev"), saved.aws());
		assertEquals(ProviderKind.BEDROCK, WardenServices.model().config().kind());
		assertEquals("eu-central-1", WardenServices.model().config().aws().region());

		page.fillBedrock("us-west-2", AwsCredentialSource.API_KEY, "", BEDROCK_MODEL, BEDROCK_KEY);
		assertFalse(page.profileEditable());
		assertTrue(page.keyEditable());
		page.typeBaseUrl("http://127.0.0.1:" + server.getAddress().getPort());
		page.pressTestConnection();
		Workbenches.waitUntil(display, () -> page.testResultText().startsWith("Connected"), 20,
				"the connection test reports success, not: " + page.testResultText());
		assertEquals(List.of("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream"), paths);
		assertEquals(List.of("Bearer " + BEDROCK_KEY), authorizations, "the typed Bedrock API key was sent");
		Screenshots.take(dialog.getShell(), "preferences-model-bedrock");

		assertTrue(page.performOk());
		assertEquals(AwsCredentialSource.API_KEY, WardenServices.model().load().aws().credentials());
		assertEquals(BEDROCK_KEY, WardenServices.model().config().apiKey().reveal(), "the key is in secure storage");
	}

	/** One message of an {@code application/vnd.amazon.eventstream}: prelude, string headers, payload, CRC32s. */
	private static byte[] bedrockEvent(String type, String json) {
		java.io.ByteArrayOutputStream headers = new java.io.ByteArrayOutputStream();
		for (String[] header : new String[][] { { ":event-type", type }, { ":message-type", "event" } }) {
			byte[] name = header[0].getBytes(StandardCharsets.UTF_8);
			byte[] value = header[1].getBytes(StandardCharsets.UTF_8);
			headers.write(name.length);
			headers.writeBytes(name);
			headers.write(7);
			headers.write(value.length >> 8);
			headers.write(value.length & 0xff);
			headers.writeBytes(value);
		}
		byte[] payload = json.getBytes(StandardCharsets.UTF_8);
		int total = 16 + headers.size() + payload.length;
		java.nio.ByteBuffer message = java.nio.ByteBuffer.allocate(total).putInt(total).putInt(headers.size());
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(message.array(), 0, 8);
		message.putInt((int) crc.getValue()).put(headers.toByteArray()).put(payload);
		crc.reset();
		crc.update(message.array(), 0, total - 4);
		return message.putInt((int) crc.getValue()).array();
	}

	private ModelPreferencePage openPage() {
		dialog = PreferencesUtil.createPreferenceDialogOn(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
				ModelPreferencePage.ID, null, null);
		dialog.setBlockOnOpen(false);
		dialog.open();
		dialog.getShell().setSize(900, 640);
		return (ModelPreferencePage) dialog.getSelectedPage();
	}

	private static List<Path> filesContaining(Path root, String secret) throws IOException {
		byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
		List<Path> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				if (indexOf(Files.readAllBytes(file), needle) >= 0) {
					found.add(file);
				}
			}
		}
		return found;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}
