package dev.warden.ui.tests.trust;

import dev.warden.core.settings.WardenPreferences;
import dev.warden.ui.internal.WardenServices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.resources.IProject;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.CommandPart;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.DenyRule;
import dev.warden.core.trust.PartStatus;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPattern;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.core.trust.Verdict;
import dev.warden.ui.internal.trust.TrustedCommandsPreferencePage;
import dev.warden.ui.internal.trust.PatternDialog;
import dev.warden.ui.internal.trust.PatternTable;
import dev.warden.ui.internal.trust.PatternWarningDialog;
import dev.warden.ui.internal.trust.ProjectTrustListDialog;
import dev.warden.ui.internal.trust.TryCommandBox;
import dev.warden.ui.tests.Screenshots;
import dev.warden.ui.tests.Workbenches;

/** Window > Preferences > Warden > Trusted Commands in a real workbench, with a real project. */
class TrustedCommandsPageTest {

	private IProject project;
	private PreferenceDialog dialog;
	private TrustedCommandsPreferencePage page;

	@BeforeEach
	void setUp() throws Exception {
		TrustFixtures.resetWorkspaceSettings();
		project = TrustFixtures.createProject("trust-page");
	}

	@AfterEach
	void tearDown() throws Exception {
		if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
			dialog.close();
		}
		project.delete(true, true, null);
		TrustFixtures.resetWorkspaceSettings();
	}

	private void open() {
		dialog = TrustFixtures.openPage(1000, 820);
		page = (TrustedCommandsPreferencePage) dialog.getSelectedPage();
	}

	private static PatternDialog add(PatternTable table) {
		table.pressAdd();
		return (PatternDialog) table.openDialog();
	}

	private static void addPattern(PatternTable table, String pattern) {
		PatternDialog add = add(table);
		add.type(pattern);
		add.pressOk();
		assertNull(table.openDialog(), "the pattern needed no confirmation: " + pattern);
	}

	private TrustPolicy savedPolicy() {
		return WardenServices.trust().policy(project, null, null);
	}

	@Test
	void addEditAndRemoveAreSavedOnApplyAndHonouredByThePolicy() {
		open();
		PatternTable table = page.workspaceTable();

		PatternDialog add = add(table);
		add.type("npm $VERSION");
		assertNotNull(add.shownError(), "an expansion in a pattern is refused");
		add.pressOk();
		assertEquals(List.of(), table.rows(), "OK does nothing while the pattern is not valid");
		add.type("npm test");
		assertNull(add.shownError());
		add.pressOk();
		assertEquals(List.of("npm test"), table.rows());

		table.select(0);
		table.pressEdit();
		PatternDialog edit = (PatternDialog) table.openDialog();
		edit.type("npm *");
		edit.pressOk();
		addPattern(table, "git log *");
		addPattern(table, "make");
		assertEquals(List.of("npm *", "git log *", "make"), table.rows());

		PatternDialog duplicate = add(table);
		duplicate.type("npm   *");
		assertNotNull(duplicate.shownError(), "a pattern already in the list is refused, however it is spaced");
		duplicate.pressCancel();

		table.select(2);
		table.pressRemove();
		assertEquals(List.of("npm *", "git log *"), table.rows());

		assertEquals("", WardenServices.trust().workspaceText(), "nothing is stored before Apply");
		assertEquals(Verdict.ASK, savedPolicy().evaluate("npm run build").verdict());

		assertTrue(page.performOk());
		assertEquals(List.of("npm *", "git log *"),
				WardenServices.trust().workspaceList().trusted().stream().map(TrustPattern::text).toList());
		TrustPolicy policy = savedPolicy();
		assertEquals(Verdict.TRUSTED, policy.evaluate("npm run build").verdict());
		assertEquals(Verdict.TRUSTED, policy.evaluate("git log --oneline").verdict());
		assertEquals(Verdict.ASK, policy.evaluate("make").verdict(), "the removed pattern is not honoured");
		assertEquals(Verdict.ASK, policy.evaluate("npmx run").verdict());
	}

	@Test
	void universalTrustNeedsAConfirmationWhoseDefaultIsCancelAndThenShowsTheBanner() throws Exception {
		open();
		PatternTable table = page.workspaceTable();
		assertFalse(page.isUniversalBannerShown());

		PatternDialog add = add(table);
		add.type("*");
		assertTrue(add.shownMessage().contains("every command"), "the add dialog warns: " + add.shownMessage());
		add.pressOk();
		PatternWarningDialog warning = (PatternWarningDialog) table.openDialog();
		assertNotNull(warning, "adding * asks for a confirmation");
		assertEquals("Cancel", warning.defaultButtonLabel(), "Enter cancels");
		warning.pressCancel();
		assertEquals(List.of(), table.rows(), "cancelling leaves * out");
		assertFalse(page.isUniversalBannerShown());

		add = add(table);
		add.type("*");
		Screenshots.take(add.getShell(), "trust-pattern-dialog");
		add.pressOk();
		warning = (PatternWarningDialog) table.openDialog();
		Screenshots.take(warning.getShell(), "trust-universal-confirmation");
		warning.pressConfirm();
		assertEquals(List.of("*"), table.rows());
		assertTrue(page.isUniversalBannerShown(), "the page shows that universal trust is on");
		assertTrue(page.bannerText().contains("Universal trust is on"));
		Screenshots.take(dialog.getShell(), "trust-page-universal");

		assertFalse(savedPolicy().isUniversalTrustOn(), "not before Apply");
		assertTrue(page.performOk());
		assertTrue(savedPolicy().isUniversalTrustOn());
		assertEquals(Verdict.DENIED, savedPolicy().evaluate("sudo ls").verdict(), "deny rules still win");

		table.select(0);
		table.pressRemove();
		assertFalse(page.isUniversalBannerShown());
	}

	@Test
	void tryBoxSplitsAChainedCommandAndJudgesEachPartLiveAgainstUnsavedEdits() throws Exception {
		open();
		addPattern(page.workspaceTable(), "npm test");
		TryCommandBox box = page.tryBox();

		box.type("npm test && curl x | sh");
		CommandVerdict verdict = box.shownVerdict().orElseThrow();
		assertEquals(Verdict.DENIED, verdict.verdict());
		assertEquals(List.of("npm test", "curl x", "sh"), verdict.parts().stream().map(CommandPart::text).toList());
		assertEquals(List.of(PartStatus.COVERED, PartStatus.NOT_COVERED, PartStatus.DENIED),
				verdict.parts().stream().map(CommandPart::status).toList());
		List<List<String>> rows = box.shownRows();
		assertEquals(List.of(TryCommandBox.status(PartStatus.COVERED), "npm test", "npm test"), rows.get(0),
				"the first part shows the pattern that covers it");
		assertEquals(TryCommandBox.status(PartStatus.NOT_COVERED), rows.get(1).get(0));
		assertEquals("curl x", rows.get(1).get(1));
		assertTrue(rows.get(1).get(2).contains("no trusted pattern covers"), rows.get(1).get(2));
		assertEquals(TryCommandBox.status(PartStatus.DENIED), rows.get(2).get(0));
		assertTrue(rows.get(2).get(2).startsWith("!@download-to-shell"), "names the deny rule: " + rows.get(2).get(2));
		assertTrue(box.shownHeadline().startsWith("Denied"), box.shownHeadline());
		Screenshots.take(dialog.getShell(), "trust-page-try");

		box.type("npm test");
		assertEquals(Verdict.TRUSTED, box.shownVerdict().orElseThrow().verdict());
		page.workspaceTable().select(0);
		page.workspaceTable().pressRemove();
		assertEquals(Verdict.ASK, box.shownVerdict().orElseThrow().verdict(), "the box follows the unsaved list");

		box.type("git status > /etc/motd");
		assertEquals(PartStatus.NOT_COVERABLE, box.shownVerdict().orElseThrow().parts().get(0).status());

		// the hidden-file rules apply as they do to the agent's commands: a covered `cat` of a secret is asked about
		project.getFile(".env").create(new java.io.ByteArrayInputStream("TOKEN=1\n".getBytes()), true, null);
		project.getFile("notes.txt").create(new java.io.ByteArrayInputStream("notes\n".getBytes()), true, null);
		addPattern(page.workspaceTable(), "cat *");
		box.type("cat trust-page/notes.txt");
		assertEquals(Verdict.TRUSTED, box.shownVerdict().orElseThrow().verdict());
		box.type("cat trust-page/.env");
		CommandVerdict secret = box.shownVerdict().orElseThrow();
		assertEquals(Verdict.ASK, secret.verdict());
		assertTrue(secret.reason().contains("hidden from the agent"), secret.reason());
		box.type("echo 'unclosed");
		assertFalse(box.shownVerdict().orElseThrow().understood());
		assertEquals(List.of(), box.shownRows());
		assertTrue(box.shownHeadline().contains("not closed"), box.shownHeadline());
	}

	@Test
	void importAndExportRoundTripThroughAPatternFile(@TempDir Path directory) throws Exception {
		Path source = directory.resolve("team.txt");
		Files.writeString(source, """
				# patterns of the team
				npm test
				git log *

				!npm publish *
				npm $TARGET
				""");
		open();
		Display display = dialog.getShell().getDisplay();
		await(display, page.importFrom(source));
		assertEquals(List.of("npm test", "git log *"), page.workspaceTable().rows());
		assertTrue(page.denyText().contains("!npm publish *"), "the deny rule went to the deny list");
		assertTrue(page.getMessage().contains("1 line(s) were skipped"), page.getMessage());
		Set<String> denyRules = rules(page.denyText());

		Path exported = directory.resolve("exported.txt");
		await(display, page.exportTo(exported));
		PatternList file = PatternList.parse(PatternScope.WORKSPACE, "exported", Files.readString(exported));
		assertEquals(List.of(), file.problems(), "the exported file is a valid pattern file");
		assertEquals(List.of("npm test", "git log *"), file.trusted().stream().map(TrustPattern::text).toList());
		assertEquals(denyRules, new TreeSet<>(file.denied().stream().map(DenyRule::canonical).toList()));

		page.pressRestoreDefaults();
		assertEquals(List.of(), page.workspaceTable().rows());
		assertEquals(DefaultDenyList.text(), page.denyText(), "Restore Defaults brings back the default deny list");
		await(display, page.importFrom(exported));
		assertEquals(List.of("npm test", "git log *"), page.workspaceTable().rows());
		assertEquals(denyRules, rules(page.denyText()));

		assertTrue(page.performOk());
		assertEquals(List.of("npm test", "git log *"),
				WardenServices.trust().workspaceList().trusted().stream().map(TrustPattern::text).toList());
		assertEquals(Verdict.DENIED, savedPolicy().evaluate("npm publish --tag next").verdict());
	}

	@Test
	void aTrustPatternInTheDenyListKeepsThePageFromBeingSaved() throws Exception {
		open();
		page.showTab(1);
		page.setDenyText(DefaultDenyList.text() + "npm *\n");
		assertFalse(page.isValid());
		Screenshots.take(dialog.getShell(), "trust-page-deny");
		assertNotNull(page.getErrorMessage());
		assertFalse(page.performOk());
		assertEquals(DefaultDenyList.text(), WardenServices.trust().denyText());
		page.setDenyText(DefaultDenyList.text() + "!terraform destroy *\n");
		assertTrue(page.isValid());
		assertTrue(page.performOk());
		assertEquals(Verdict.DENIED, savedPolicy().evaluate("terraform destroy -auto-approve").verdict());
	}

	@Test
	void aProjectListIsAcceptedFromThePageOnApplyAndItsEffectShowsInTheTryBox() throws Exception {
		TrustFixtures.writeSharedList(project, "# shared by the team", "make test", "gradle build *", "!make deploy *");
		open();
		page.showTab(2);
		page.selectProject(project);
		assertEquals(List.of("make test", "gradle build *", "!make deploy *"), page.projectTable().rows());
		assertTrue(page.projectStateText().startsWith("Not accepted"), page.projectStateText());

		TryCommandBox box = page.tryBox();
		box.type("make test && gradle build --offline");
		assertEquals(Verdict.ASK, box.shownVerdict().orElseThrow().verdict(), "the list is not honoured yet");
		assertTrue(box.shownNote().contains("TRUSTED"), "the box says what accepting would change: " + box.shownNote());
		Screenshots.take(dialog.getShell(), "trust-page-project");

		ProjectTrustListDialog accept = page.pressAccept();
		assertEquals(PatternList.parse(PatternScope.PROJECT, project.getName(), WardenServices.trust().projectText(project))
				.contentHash(), accept.shownList().contentHash(), "the dialog shows the list as the page shows it");
		accept.pressAccept();
		assertTrue(page.projectStateText().startsWith("Accepted"), page.projectStateText());
		assertEquals(Verdict.TRUSTED, box.shownVerdict().orElseThrow().verdict());
		assertEquals(Acceptance.NOT_ACCEPTED, WardenServices.trust().acceptance(project), "not before Apply");

		assertTrue(page.performOk());
		assertEquals(Acceptance.ACCEPTED, WardenServices.trust().acceptance(project));
		assertEquals(Verdict.TRUSTED, savedPolicy().evaluate("make test && gradle build --offline").verdict());
		assertEquals(Verdict.DENIED, savedPolicy().evaluate("make deploy prod").verdict());

		page.pressRevoke();
		assertTrue(page.performOk());
		assertEquals(Acceptance.NOT_ACCEPTED, WardenServices.trust().acceptance(project));
		assertEquals(Verdict.ASK, savedPolicy().evaluate("make test").verdict());
	}

	@Test
	void editingAProjectListOnThePageStoresItInTheProjectSettings() throws Exception {
		open();
		page.showTab(2);
		page.selectProject(project);
		PatternTable table = page.projectTable();
		addPattern(table, "cargo test");
		addPattern(table, "!cargo publish *");
		assertFalse(project.getFolder(".settings").getFile(WardenPreferences.QUALIFIER + ".prefs").exists());
		assertTrue(page.performOk());
		assertTrue(project.getFolder(".settings").getFile(WardenPreferences.QUALIFIER + ".prefs").exists(),
				"the list is in the project's .settings, where a team can commit it");
		assertEquals("cargo test\n!cargo publish *\n", WardenServices.trust().projectText(project));
		assertEquals(Verdict.ASK, savedPolicy().evaluate("cargo test").verdict(), "not honoured until accepted");
		assertEquals(Verdict.DENIED, savedPolicy().evaluate("cargo publish").verdict(), "its deny rules apply");
	}

	private static void await(Display display, CompletableFuture<Void> done) {
		Workbenches.waitUntil(display, done::isDone, 20, "the file job finished");
	}

	private static Set<String> rules(String denyText) {
		return new TreeSet<>(PatternList.parse(PatternScope.DEFAULT, "deny", denyText).denied().stream()
				.map(DenyRule::canonical).toList());
	}
}
