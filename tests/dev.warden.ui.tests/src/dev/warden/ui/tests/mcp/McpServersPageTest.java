package dev.warden.ui.tests.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.mcp.McpServerConfig;
import dev.warden.core.settings.McpSettings;
import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.settings.WardenPreferences;
import dev.warden.ui.internal.WardenServices;
import dev.warden.ui.internal.mcp.McpServersPreferencePage;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/**
 * Preferences > Warden > MCP Servers with the real reference server server-everything (installed from npm by the
 * test build) and a server that fails to start.
 */
class McpServersPageTest {

	private static final String SECRET = "mcp-token-7f3a9c-SECRET";

	private PreferenceDialog dialog;

	static Path everythingScript() {
		Path dir = Path.of(System.getProperty("warden.mcp.servers", "target/mcp-servers"));
		Path script = dir.resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
		assertTrue(Files.isRegularFile(script), "server-everything is not installed in " + dir.toAbsolutePath()
				+ " (the test build runs npm install there; Node 20 and npm are needed)");
		return script;
	}

	@BeforeEach
	@AfterEach
	void reset() throws Exception {
		if (dialog != null && dialog.getShell() != null) {
			dialog.close();
		}
		WardenServices.mcpServers().running()
				.forEach(server -> WardenServices.mcpServers().stop(server.serverName(), event -> {
				}));
		WardenServices.mcp().saveWorkspaceServers(List.of());
	}

	@Test
	void aServerAddedOnThePageIsSavedWithItsSecretInSecureStorageAndShowsItsToolsWhenRestarted() throws Exception {
		McpServersPreferencePage page = openPage();
		McpServerConfig typed = page.addThroughDialog("everything", "node",
				List.of(everythingScript().toString(), "stdio"), "DEMO_TOKEN=" + SECRET);
		assertNotNull(typed, "the dialog accepted what was typed");
		assertEquals(List.of("DEMO_TOKEN"), List.copyOf(typed.environmentNames()));
		assertNull(page.addThroughDialog("bad name!", "node", List.of(), ""), "a malformed name is refused");
		assertTrue(page.performOk());

		McpSettings settings = WardenServices.mcp();
		assertEquals(List.of(typed), settings.workspaceServers(), "read back, the secret from secure storage");
		String stored = InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER).get(McpSettings.SERVERS, "");
		assertTrue(stored.contains("DEMO_TOKEN"), stored);
		assertFalse(stored.contains(SECRET), "the value is not in the preferences: " + stored);

		settings.approveLaunch(typed); // approved before: Restart starts it without asking
		page.select("everything");
		page.pressRestart();
		Display display = dialog.getShell().getDisplay();
		Workbenches.waitUntil(display, () -> page.stateText().startsWith("running") && page.stateText().contains("echo"),
				90, "the page shows the running server and its tools, not: " + page.stateText());
		assertTrue(page.stateText().contains("Variables (values in secure storage): DEMO_TOKEN"), page.stateText());
		assertFalse(page.stateText().contains(SECRET), page.stateText());
		assertTrue(page.rows().contains("everything running"), page.rows().toString());
		Screenshots.take(dialog.getShell(), "preferences-mcp");
	}

	@Test
	void aServerThatFailsToStartShowsItsErrorOutput() throws Exception {
		McpServersPreferencePage page = openPage();
		McpServerConfig broken = page.addThroughDialog("broken", "node",
				List.of("-e", "process.stderr.write('missing GITHUB_TOKEN: cannot start\\n'); process.exit(2)"), "");
		assertNotNull(broken);
		WardenServices.mcp().approveLaunch(broken);
		page.pressRestart();
		Display display = dialog.getShell().getDisplay();
		Workbenches.waitUntil(display, () -> page.stateText().startsWith("failed"), 60,
				"the page shows the failure, not: " + page.stateText());
		assertTrue(page.stateText().contains("missing GITHUB_TOKEN: cannot start"), page.stateText());
		Screenshots.take(dialog.getShell(), "preferences-mcp-failed");
		page.pressRemove();
		assertEquals(List.of(), page.rows());
	}

	@Test
	void anHttpServerIsReachedOnlyOnceItsLoopbackHostIsAllowed() throws Exception {
		int port;
		try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
			port = free.getLocalPort();
		}
		ProcessBuilder builder = new ProcessBuilder("node", everythingScript().toString(), "streamableHttp");
		builder.environment().put("PORT", Integer.toString(port));
		builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
		Process server = builder.start();
		try {
			long deadline = System.currentTimeMillis() + 60_000;
			while (!listening(port)) {
				assertTrue(server.isAlive() && System.currentTimeMillis() < deadline, "server-everything listens");
				Thread.sleep(100);
			}
			McpServersPreferencePage page = openPage();
			McpServerConfig remote = page.addHttpThroughDialog("remote", "http://127.0.0.1:" + port + "/mcp",
					"Authorization: Bearer " + SECRET);
			assertNotNull(remote, "the dialog accepted the URL and header");
			assertTrue(page.performOk());
			String stored = InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER).get(McpSettings.SERVERS, "");
			assertTrue(stored.contains("Authorization"), stored);
			assertFalse(stored.contains(SECRET), "the header's value is not in the preferences: " + stored);
			assertEquals(List.of(remote), WardenServices.mcp().workspaceServers());
			WardenServices.mcp().approveLaunch(remote);

			Display display = dialog.getShell().getDisplay();
			page.pressRestart();
			Workbenches.waitUntil(display, () -> page.stateText().startsWith("failed"), 60,
					"a loopback address is refused by default, not: " + page.stateText());
			assertTrue(page.stateText().contains("refused by the URL policy"), page.stateText());

			WardenServices.protection().saveNames(ProtectionSettings.URL_ALLOWED, java.util.Set.of("127.0.0.1"));
			Workbenches.waitUntil(display, () -> !page.isStarting(), 10, "the first start ended");
			page.pressRestart();
			Workbenches.waitUntil(display,
					() -> page.stateText().startsWith("running") && page.stateText().contains("echo"), 90,
					"the allowed host is reached over HTTP, not: " + page.stateText());
			assertTrue(page.stateText().contains("Headers (values in secure storage): Authorization"),
					page.stateText());
			Screenshots.take(dialog.getShell(), "preferences-mcp-http");
		} finally {
			WardenServices.protection().saveNames(ProtectionSettings.URL_ALLOWED, java.util.Set.of());
			server.descendants().forEach(ProcessHandle::destroy);
			server.destroy();
		}
	}

	private static boolean listening(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
			return true;
		} catch (java.io.IOException e) {
			return false;
		}
	}

	private McpServersPreferencePage openPage() {
		dialog = PreferencesUtil.createPreferenceDialogOn(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
				McpServersPreferencePage.ID, null, null);
		dialog.setBlockOnOpen(false);
		dialog.open();
		dialog.getShell().setSize(960, 700);
		return (McpServersPreferencePage) dialog.getSelectedPage();
	}
}
