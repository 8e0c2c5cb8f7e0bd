package dev.warden.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.core.internal.agent.PreferenceModeService;
import dev.warden.ui.internal.chat.WardenPreferencePage;

class PreferencePagesTest {

	private PreferenceDialog dialog;

	@AfterEach
	void close() {
		if (dialog != null) {
			dialog.close();
		}
		InstanceScope.INSTANCE.getNode(PreferenceModeService.QUALIFIER).remove(PreferenceModeService.KEY);
	}

	@Test
	void wardenPagesAreInThePreferenceTreeWithTheirSubPages() throws Exception {
		dialog = open("dev.warden.ui.preferences.root");
		IPreferenceNode root = dialog.getPreferenceManager().find("dev.warden.ui.preferences.root");
		assertNotNull(root, "Window > Preferences has a Warden page");
		assertNotNull(root.findSubNode("dev.warden.ui.preferences.trust"), "with a Trusted Commands page");
		assertNotNull(root.findSubNode("dev.warden.ui.preferences.model"), "with a Model page");
		assertTrue(dialog.getSelectedPage() instanceof WardenPreferencePage, "the Warden page is the one shown");

		Path shot = Screenshots.take(dialog.getShell(), "preferences-warden");
		assertTrue(Files.size(shot) > 0);
	}

	@Test
	void choosingSupervisedOnTheRootPageChangesTheWorkspaceMode() throws Exception {
		ModeService modes = PlatformUI.getWorkbench().getService(ModeService.class);
		assertEquals(Mode.AUTOPILOT, modes.getMode());
		dialog = open("dev.warden.ui.preferences.root");
		var page = (WardenPreferencePage) dialog.getSelectedPage();
		page.select(Mode.SUPERVISED);
		page.setEnterSends(false);
		assertTrue(page.performOk());
		assertEquals(Mode.SUPERVISED, modes.getMode());
		assertEquals(false, dev.warden.ui.internal.WardenServices.chat().enterSends(),
				"Ctrl+Enter sends from now on");
		dev.warden.ui.internal.WardenServices.chat().setEnterSends(true);
	}

	private static PreferenceDialog open(String pageId) {
		PreferenceDialog preferences = PreferencesUtil.createPreferenceDialogOn(
				PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), pageId, null, null);
		preferences.setBlockOnOpen(false);
		preferences.getShell().setSize(900, 640);
		preferences.open();
		return preferences;
	}
}
