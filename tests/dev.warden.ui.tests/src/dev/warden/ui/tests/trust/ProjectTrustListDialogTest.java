package dev.warden.ui.tests.trust;

import dev.warden.ui.internal.WardenServices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.TrustPattern;
import dev.warden.core.trust.Verdict;
import dev.warden.ui.internal.trust.ProjectTrustListDialog;
import dev.warden.ui.tests.Screenshots;

/**
 * The prompt before the agent acts in a project that shares a trusted-command list: a real project whose
 * {@code .settings} file changes as a pull would change it.
 */
class ProjectTrustListDialogTest {

	private IProject project;
	private ProjectTrustListDialog dialog;

	@BeforeEach
	void setUp() throws Exception {
		TrustFixtures.resetWorkspaceSettings();
		project = TrustFixtures.createProject("trust-shared");
	}

	@AfterEach
	void tearDown() throws Exception {
		if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
			dialog.close();
		}
		project.delete(true, true, null);
		TrustFixtures.resetWorkspaceSettings();
	}

	private static Shell shell() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
	}

	private ProjectTrustListDialog prompt() {
		dialog = new ProjectTrustListDialog(shell(), project);
		dialog.setBlockOnOpen(false);
		dialog.open();
		return dialog;
	}

	private Verdict verdict(String command) {
		return WardenServices.trust().policy(project, null, null).evaluate(command).verdict();
	}

	@Test
	void aSharedListIsHonouredOnlyOnceAcceptedAndAgainOnlyAfterEachChange() throws Exception {
		TrustFixtures.writeSharedList(project, "# the team's commands", "mvn -o verify", "npm run *",
				"!npm run deploy *");
		assertEquals(Verdict.ASK, verdict("npm run lint"), "a cloned list trusts nothing by itself");
		assertEquals(Verdict.DENIED, verdict("npm run deploy prod"), "its deny rules apply at once");
		assertEquals(List.of(project), WardenServices.trust().awaitingAcceptance(List.of(project)));
		assertTrue(ProjectTrustListDialog.needsAcceptance(project));

		ProjectTrustListDialog notNow = prompt();
		assertEquals("Not Now", notNow.defaultButtonLabel(), "Enter does not accept");
		assertEquals(List.of("mvn -o verify", "npm run *"),
				notNow.shownList().trusted().stream().map(TrustPattern::text).toList());
		Screenshots.take(notNow.getShell(), "trust-project-acceptance");
		notNow.pressNotNow();
		assertEquals(Window.CANCEL, notNow.getReturnCode());
		assertEquals(Acceptance.NOT_ACCEPTED, WardenServices.trust().acceptance(project));
		assertEquals(Verdict.ASK, verdict("npm run lint"));

		prompt().pressAccept();
		assertEquals(Window.OK, dialog.getReturnCode());
		assertEquals(Acceptance.ACCEPTED, WardenServices.trust().acceptance(project));
		assertEquals(Verdict.TRUSTED, verdict("npm run lint && mvn -o verify"));
		assertEquals(List.of(), WardenServices.trust().awaitingAcceptance(List.of(project)));
		assertTrue(ProjectTrustListDialog.confirm(shell(), project), "an accepted list needs no prompt");

		TrustFixtures.writeSharedList(project, "mvn -o verify", "npm run *", "curl *", "!npm run deploy *");
		assertEquals(Acceptance.CHANGED, WardenServices.trust().acceptance(project));
		assertEquals(Verdict.ASK, verdict("npm run lint"), "a changed list is not honoured, not even its old patterns");
		assertEquals(List.of(project), WardenServices.trust().awaitingAcceptance(List.of(project)));
		ProjectTrustListDialog changed = prompt();
		Screenshots.take(changed.getShell(), "trust-project-acceptance-changed");
		changed.pressAccept();
		assertEquals(Verdict.TRUSTED, verdict("curl example.com"));
	}

	@Test
	void acceptingRecordsTheListThatWasShownNotAListThatChangedMeanwhile() throws Exception {
		TrustFixtures.writeSharedList(project, "make test");
		ProjectTrustListDialog shown = prompt();
		TrustFixtures.writeSharedList(project, "make test", "bash *");
		shown.pressAccept();
		assertEquals(Acceptance.CHANGED, WardenServices.trust().acceptance(project),
				"the list shown was accepted, and it is not the list in the file now");
		assertEquals(Verdict.ASK, verdict("make test"));
		assertEquals(Verdict.ASK, verdict("bash -c 'rm -rf build'"));
		assertTrue(ProjectTrustListDialog.needsAcceptance(project));
	}

	@Test
	void aListWithOnlyDenyRulesNeedsNoAcceptance() throws Exception {
		TrustFixtures.writeSharedList(project, "!git push *");
		assertFalse(ProjectTrustListDialog.needsAcceptance(project));
		assertTrue(ProjectTrustListDialog.confirm(shell(), project), "returns at once: nothing to accept");
		assertEquals(Verdict.DENIED, verdict("git push origin main"));
	}
}
