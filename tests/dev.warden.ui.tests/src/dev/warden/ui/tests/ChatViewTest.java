package dev.warden.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.agent.Mode;
import dev.warden.core.agent.ModeService;
import dev.warden.core.internal.agent.PreferenceModeService;
import dev.warden.ui.internal.chat.ChatView;

class ChatViewTest {

	private ModeService modes;

	@BeforeEach
	void freshWorkspaceSettings() {
		InstanceScope.INSTANCE.getNode(PreferenceModeService.QUALIFIER).remove(PreferenceModeService.KEY);
		InstanceScope.INSTANCE.getNode("dev.warden.ui").remove("model.name");
		modes = PlatformUI.getWorkbench().getService(ModeService.class);
		assertNotNull(modes, "the core's mode service reaches the workbench");
	}

	@AfterEach
	void closeView() {
		IViewPart view = Workbenches.page().findView(ChatView.ID);
		if (view != null) {
			Workbenches.page().hideView(view);
		}
		InstanceScope.INSTANCE.getNode(PreferenceModeService.QUALIFIER).remove(PreferenceModeService.KEY);
	}

	@Test
	void chatViewOpensInAutopilotAndTheToolbarSwitchPersistsTheMode() throws Exception {
		ChatView view = (ChatView) Workbenches.page().showView(ChatView.ID);
		assertEquals("Autopilot", view.modeLabel());

		ActionContributionItem modeSwitch = modeSwitch(view);
		modeSwitch.getAction().run();

		assertEquals(Mode.SUPERVISED, modes.getMode());
		assertEquals("SUPERVISED",
				InstanceScope.INSTANCE.getNode(PreferenceModeService.QUALIFIER).get(PreferenceModeService.KEY, null));
		assertEquals("Supervised", view.modeLabel());

		Workbenches.page().hideView(view);
		ChatView reopened = (ChatView) Workbenches.page().showView(ChatView.ID);
		assertEquals("Supervised", reopened.modeLabel(), "the mode survives closing the view");
	}

	@Test
	void theViewSaysPlainlyWhenCommandsAreNotSandboxed() throws Exception {
		ChatView view = (ChatView) Workbenches.page().showView(ChatView.ID);
		org.eclipse.swt.widgets.Display display = view.getSite().getShell().getDisplay();
		// on this machine the probe finds a sandbox: nothing is said
		Workbenches.waitUntil(display, () -> org.eclipse.core.runtime.jobs.Job.getJobManager()
				.find(dev.warden.core.operations.WardenJobs.FAMILY).length == 0, 30, "the view's start-up jobs end");
		Workbenches.settle(display);
		assertEquals(null, view.sandboxWarning(), "commands are sandboxed here");

		view.showSandbox(dev.warden.core.sandbox.SandboxAvailability.unavailable("bubblewrap (bwrap) is not installed"));
		assertEquals("Commands are not sandboxed here (bubblewrap (bwrap) is not installed). They run with your "
				+ "permissions and can read and write what you can; see Preferences > Warden > Protection > Commands.",
				view.sandboxWarning());
		Screenshots.take(view.getSite().getShell(), "chat-not-sandboxed");

		view.showSandbox(dev.warden.core.sandbox.SandboxAvailability.available("bubblewrap"));
		assertEquals(null, view.sandboxWarning());
	}

	@Test
	void modeChangedElsewhereShowsInTheView() throws Exception {
		ChatView view = (ChatView) Workbenches.page().showView(ChatView.ID);
		modes.setMode(Mode.SUPERVISED);
		Workbenches.waitUntil(view.getSite().getShell().getDisplay(), () -> "Supervised".equals(view.modeLabel()), 5,
				"the view shows Supervised");
	}

	@Test
	void sendWithoutAModelShowsTheSetupNoticeInsteadOfSending() throws Exception {
		ChatView view = (ChatView) Workbenches.page().showView(ChatView.ID);
		assertTrue(view.isSetupNoticeVisible(), "the setup panel shows while no model is configured");
		view.send("Explain this project");
		assertTrue(view.isSetupNoticeVisible());
		assertEquals(0, view.conversation().entries().size(), "nothing was sent");

		Path shot = Screenshots.take(view.getSite().getShell(), "chat-view-no-model");
		assertTrue(Files.size(shot) > 0);
	}

	private static ActionContributionItem modeSwitch(ChatView view) {
		for (IContributionItem item : view.getViewSite().getActionBars().getToolBarManager().getItems()) {
			if (item instanceof ActionContributionItem action
					&& "dev.warden.ui.actions.mode".equals(action.getAction().getId())) {
				return action;
			}
		}
		throw new AssertionError("the chat view's toolbar has no mode switch");
	}
}
