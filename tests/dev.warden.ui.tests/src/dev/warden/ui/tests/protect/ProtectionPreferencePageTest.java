package dev.warden.ui.tests.protect;

import dev.warden.core.settings.WardenPreferences;
import dev.warden.ui.internal.WardenServices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.settings.ProtectionSettings.UntrustedProjects;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.RemovedVariable;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.UrlVerdict;
import dev.warden.ui.internal.protect.EnvironmentPreview;
import dev.warden.ui.internal.protect.HiddenFilesDialog;
import dev.warden.ui.internal.protect.ProtectionPreferencePage;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/** Window > Preferences > Warden > Protection, against the settings the core reads. */
class ProtectionPreferencePageTest {

	private PreferenceDialog dialog;
	private HiddenFilesDialog hiddenFiles;
	private IProject project;

	@BeforeEach
	void reset() {
		ProtectionTestSupport.resetSettings();
	}

	@AfterEach
	void close() throws Exception {
		if (hiddenFiles != null) {
			hiddenFiles.close();
		}
		if (dialog != null) {
			dialog.close();
		}
		ProtectionTestSupport.delete(project);
		ProtectionTestSupport.resetSettings();
	}

	private ProtectionPreferencePage open() {
		dialog = PreferencesUtil.createPreferenceDialogOn(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
				ProtectionPreferencePage.ID, null, null);
		dialog.setBlockOnOpen(false);
		dialog.getShell().setSize(900, 680);
		dialog.open();
		return (ProtectionPreferencePage) dialog.getSelectedPage();
	}

	@Test
	void commandsTabSaysWhetherCommandsAreSandboxedAndSavesItsSettings() throws Exception {
		ProtectionPreferencePage page = open();
		page.showTab(4);
		Display display = dialog.getShell().getDisplay();
		Workbenches.waitUntil(display, () -> !page.sandboxStatus().startsWith("Checking"), 30,
				"the page finds out whether commands can be sandboxed");
		boolean available = WardenServices.sandbox().availability().available();
		assertTrue(page.sandboxStatus().startsWith(available ? "Commands run in a sandbox" : "Commands are not sandboxed"),
				page.sandboxStatus());
		Screenshots.take(dialog.getShell(), "preferences-protection-commands-status");
		page.setCommandSettings(true, "repo.maven.apache.org\n*.npmjs.org", "~/.config/secret-tool");
		assertTrue(page.performOk());
		ProtectionSettings settings = WardenServices.protection();
		assertTrue(settings.requireSandbox());
		assertEquals(Set.of("repo.maven.apache.org", "*.npmjs.org"), settings.names(ProtectionSettings.SANDBOX_HOSTS));
		assertEquals(Set.of("~/.config/secret-tool"), settings.names(ProtectionSettings.SANDBOX_MASKED));
	}

	@Test
	void commandsTabListsTheMaskedFilesEachProjectLetsCommandsRead() throws Exception {
		project = ProtectionTestSupport.project("protect-readable");
		ProtectionTestSupport.file(project, ".env", "TOKEN=for-the-tests\n");
		WardenServices.protection().saveNames(ProtectionSettings.SANDBOX_READABLE_PREFIX + "gone-project",
				Set.of(".env.test"));
		ProtectionPreferencePage page = open();
		page.showTab(4);
		Display display = dialog.getShell().getDisplay();
		Workbenches.waitUntil(display, () -> !page.sandboxStatus().startsWith("Checking"), 30,
				"the page finds out whether commands can be sandboxed");
		page.setReadableFiles("gone-project", "");
		page.setReadableFiles("protect-readable", "../outside.txt");
		assertFalse(page.isValid(), "a path out of the project is refused");
		assertTrue(page.getErrorMessage().contains("protect-readable, line 1"), page.getErrorMessage());
		page.setReadableFiles("protect-readable", ".env\nconfig/test.env");
		assertTrue(page.isValid(), String.valueOf(page.getErrorMessage()));
		assertEquals("protect-readable: .env\nconfig/test.env", page.readableFilesShown());
		for (int i = 0; i < 5; i++) {
			Workbenches.settle(display); // a loaded machine maps and paints the dialog late
		}
		Screenshots.take(dialog.getShell(), "preferences-protection-commands");
		assertTrue(page.performOk());
		ProtectionSettings settings = WardenServices.protection();
		assertEquals(Set.of(".env", "config/test.env"),
				settings.names(ProtectionSettings.SANDBOX_READABLE_PREFIX + "protect-readable"));
		assertEquals(Set.of(), settings.names(ProtectionSettings.SANDBOX_READABLE_PREFIX + "gone-project"),
				"a list is removed as it was typed, also for a project no longer in the workspace");
	}

	@Test
	void eachSettingIsSavedOnOkAndTheCoreReadsItBack() throws Exception {
		ProtectionPreferencePage page = open();
		Screenshots.take(dialog.getShell(), "preferences-protection-hidden");
		String patterns = SensitivePatterns.defaultText() + "\n# team secrets\n*.secret\n";
		page.setSensitiveText(patterns);
		page.setAllowedVariables("TOKENIZERS_PARALLELISM, deploy_key\nSSH_AUTH_SOCK");
		page.setMinimalEnvironment(true);
		page.setAllowedHosts("intranet.example\n*.corp.example, 10.0.0.5");
		page.setUntrustedProjects(UntrustedProjects.READ_ONLY);

		assertTrue(page.isValid());
		assertEquals(SensitivePatterns.defaultText(), WardenServices.protection().sensitiveText(), "nothing saved before OK");
		assertEquals(EnvironmentPolicy.defaults(), WardenServices.protection().environmentPolicy(), "nothing saved before OK");
		assertEquals(UntrustedProjects.EXCLUDED, WardenServices.protection().untrustedProjects(), "nothing saved before OK");

		assertTrue(page.performOk());
		assertEquals(patterns, WardenServices.protection().sensitivePatterns().text());
		assertEquals(new EnvironmentPolicy(true, Set.of("TOKENIZERS_PARALLELISM", "DEPLOY_KEY", "SSH_AUTH_SOCK")),
				WardenServices.protection().environmentPolicy());
		assertEquals(Set.of("intranet.example", "*.corp.example", "10.0.0.5"),
				WardenServices.protection().urlPolicy().allowedHosts());
		assertEquals(UrlVerdict.ALLOWED, WardenServices.protection().urlPolicy().decide("http://10.0.0.5/wiki").verdict(),
				"an allow-listed private address may be fetched");
		assertEquals(UrlVerdict.REFUSED, WardenServices.protection().urlPolicy().decide("http://10.0.0.6/").verdict(),
				"another private address may not");
		assertEquals(UntrustedProjects.READ_ONLY, WardenServices.protection().untrustedProjects());
	}

	@Test
	void restoreDefaultsBringsBackTheBuiltInSettingsOnOk() throws Exception {
		WardenServices.protection().saveSensitiveText("*.only\n");
		WardenServices.protection().saveNames(ProtectionSettings.ENV_ALLOWED, Set.of("GITHUB_TOKEN"));
		WardenServices.protection().saveMinimalEnvironment(true);
		WardenServices.protection().saveNames(ProtectionSettings.URL_ALLOWED, Set.of("intranet.example"));
		WardenServices.protection().saveUntrustedProjects(UntrustedProjects.READ_ONLY);
		WardenServices.protection().setProjectTrusted("kept", true);
		ProtectionPreferencePage page = open();

		page.pressRestoreDefaults();
		assertEquals("*.only\n", WardenServices.protection().sensitiveText(), "Restore Defaults alone saves nothing");
		assertTrue(page.performOk());

		assertEquals(SensitivePatterns.defaultText(), WardenServices.protection().sensitiveText());
		assertNull(InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER).get(ProtectionSettings.SENSITIVE, null),
				"the default patterns are not copied into the preferences");
		assertEquals(EnvironmentPolicy.defaults(), WardenServices.protection().environmentPolicy());
		assertEquals(Set.of(), WardenServices.protection().urlPolicy().allowedHosts());
		assertEquals(UntrustedProjects.EXCLUDED, WardenServices.protection().untrustedProjects());
		assertTrue(WardenServices.protection().isProjectTrusted("kept"), "trust decisions are not settings to restore");
	}

	@Test
	void anInvalidHostOrVariableNameIsReportedAndNothingIsSaved() throws Exception {
		ProtectionPreferencePage page = open();
		page.showTab(2);
		page.setAllowedHosts("intranet.example\nhttp://bad host/");
		assertFalse(page.isValid());
		assertTrue(page.getErrorMessage().contains("line 2"), page.getErrorMessage());
		assertTrue(page.getErrorMessage().contains("'http://bad'"), page.getErrorMessage());
		Screenshots.take(dialog.getShell(), "preferences-protection-url-invalid");
		assertFalse(page.performOk());
		assertEquals(Set.of(), WardenServices.protection().names(ProtectionSettings.URL_ALLOWED));

		page.setAllowedHosts("intranet.example\n[fd00::1]\n*.corp.example");
		assertTrue(page.isValid(), String.valueOf(page.getErrorMessage()));
		page.setAllowedVariables("GOOD_NAME BAD=NAME");
		assertFalse(page.isValid());
		assertTrue(page.getErrorMessage().contains("'BAD=NAME'"), page.getErrorMessage());
		assertFalse(page.performOk());
		assertEquals(Set.of(), WardenServices.protection().names(ProtectionSettings.ENV_ALLOWED));
	}

	@Test
	void environmentPreviewListsNamesOnlyAndFollowsTheAllowListAndSwitch() throws Exception {
		String token = "ghp_fakeTokenValue0123456789";
		String password = "hunter2-db-password";
		String apiKey = "sk-live-fake-api-key-value";
		ProtectionPreferencePage page = open();
		page.showTab(1);
		page.previewEnvironment(Map.of("PATH", "/usr/local/bin:/usr/bin", "HOME", "/home/dev", "EDITOR", "vim",
				"GITHUB_TOKEN", token, "DATABASE_URL", "postgres://app:" + password + "@db.internal/app",
				"OPENAI_API_KEY", apiKey, "LC_ALL", "C.UTF-8"));
		EnvironmentPreview preview = page.environmentPreview();

		assertEquals(List.of("EDITOR", "HOME", "LC_ALL", "PATH"), preview.keptNames());
		assertEquals(List.of(new RemovedVariable("DATABASE_URL", "value is a URL with a password"),
				new RemovedVariable("GITHUB_TOKEN", "credential variable"),
				new RemovedVariable("OPENAI_API_KEY", "name contains API_KEY")), preview.removedShown());
		assertNoValueShown(preview, token, password, apiKey, "/usr/local/bin", "/home/dev", "vim", "C.UTF-8");

		page.setAllowedVariables("github_token");
		assertEquals(List.of("EDITOR", "GITHUB_TOKEN", "HOME", "LC_ALL", "PATH"), preview.keptNames(),
				"an allow-listed name is passed on, whatever its case");

		page.setMinimalEnvironment(true);
		assertEquals(List.of("GITHUB_TOKEN", "HOME", "LC_ALL", "PATH"), preview.keptNames());
		assertTrue(preview.removedShown().contains(new RemovedVariable("EDITOR", "not in the minimal environment")),
				preview.removedShown().toString());
		assertNoValueShown(preview, token, password, apiKey, "/usr/local/bin", "/home/dev", "vim", "C.UTF-8");
		Screenshots.take(dialog.getShell(), "preferences-protection-environment");
		assertEquals(EnvironmentPolicy.defaults(), WardenServices.protection().environmentPolicy(), "the preview saves nothing");
	}

	private static void assertNoValueShown(EnvironmentPreview preview, String... values) {
		for (String text : preview.allText()) {
			for (String value : values) {
				assertFalse(text.contains(value), "the preview shows the value '" + value + "' in: " + text);
			}
		}
	}

	@Test
	void revokedProjectStaysTrustedUntilOk() throws Exception {
		project = ProtectionTestSupport.project("protect-alpha");
		WardenServices.protection().setProjectTrusted("protect-alpha", true);
		WardenServices.protection().setProjectTrusted("protect-gone", true);
		ProtectionPreferencePage page = open();
		page.showTab(3);
		assertEquals(List.of("protect-alpha", "protect-gone (not in the workspace)"), page.trustedProjectsShown());
		Screenshots.take(dialog.getShell(), "preferences-protection-projects");

		page.revoke("protect-alpha");
		assertEquals(List.of("protect-gone (not in the workspace)"), page.trustedProjectsShown());
		assertTrue(WardenServices.protection().isProjectTrusted("protect-alpha"), "nothing saved before OK");
		assertTrue(page.performOk());
		assertFalse(WardenServices.protection().isProjectTrusted("protect-alpha"));
		assertTrue(WardenServices.protection().isProjectTrusted("protect-gone"));
	}

	@Test
	void hiddenFilesDialogListsWhatTheAgentCannotSeeWithThePatternsOnThePage() throws Exception {
		project = ProtectionTestSupport.project("protect-hidden");
		ProtectionTestSupport.file(project, ".gitignore", "build/\n*.log\n");
		ProtectionTestSupport.file(project, ".wardenignore", "notes/\n");
		ProtectionTestSupport.file(project, ".env", "API_TOKEN=x\n");
		ProtectionTestSupport.file(project, "app.log", "log\n");
		ProtectionTestSupport.file(project, "src/Main.java", "class Main {}\n");
		ProtectionTestSupport.file(project, "src/config/deploy.secret", "s\n");
		ProtectionTestSupport.file(project, "src/config/server.pem", "-----BEGIN\n");
		ProtectionTestSupport.file(project, "build/Main.class", "x");
		ProtectionTestSupport.file(project, "notes/todo.txt", "t\n");
		ProtectionPreferencePage page = open();
		page.setSensitiveText(SensitivePatterns.defaultText() + "\n*.secret\n");

		hiddenFiles = page.createHiddenFilesDialog();
		hiddenFiles.setBlockOnOpen(false);
		hiddenFiles.open();
		hiddenFiles.choose(project);
		Display display = dialog.getShell().getDisplay();
		Workbenches.waitUntil(display, () -> !hiddenFiles.isScanning(), 20, "the project is scanned");
		Workbenches.settle(display);

		List<String> paths = hiddenFiles.rows().stream().map(row -> row.substring(0, row.indexOf('\t'))).toList();
		assertEquals(List.of(".env", "app.log", "build/", "notes/", "src/config/deploy.secret", "src/config/server.pem"),
				paths);
		assertTrue(hiddenFiles.rows().get(0).contains("sensitive"), hiddenFiles.rows().get(0));
		assertTrue(hiddenFiles.rows().get(1).contains(".gitignore"), hiddenFiles.rows().get(1));
		assertTrue(hiddenFiles.rows().get(3).contains(".wardenignore"), hiddenFiles.rows().get(3));
		assertTrue(hiddenFiles.statusText().startsWith("6 files and folders in 'protect-hidden'"),
				hiddenFiles.statusText());
		assertNotNull(Screenshots.take(hiddenFiles.getShell(), "protection-hidden-files"));
	}
}
