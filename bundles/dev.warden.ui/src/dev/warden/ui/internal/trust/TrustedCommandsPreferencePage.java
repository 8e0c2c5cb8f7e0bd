package dev.warden.ui.internal.trust;

import dev.warden.ui.internal.WardenServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.resource.JFaceColors;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;

import dev.warden.ui.internal.mcp.McpMessages;
import dev.warden.ui.internal.mcp.McpToolsTab;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.agent.AgentScope;
import dev.warden.core.protect.PolicyPathGuard;
import dev.warden.core.trust.Acceptance;
import dev.warden.core.trust.CommandVerdict;
import dev.warden.core.trust.DefaultDenyList;
import dev.warden.core.trust.PatternList;
import dev.warden.core.trust.PatternProblem;
import dev.warden.core.trust.PatternScope;
import dev.warden.core.trust.TrustPolicy;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.trust.PatternFiles;
import dev.warden.ui.internal.trust.PatternLines;
import dev.warden.ui.internal.trust.PatternTable;
import dev.warden.ui.internal.trust.ProjectDraft;
import dev.warden.ui.internal.trust.ProjectTrustListDialog;
import dev.warden.ui.internal.trust.TrustMessages;
import dev.warden.ui.internal.trust.TryCommandBox;
import dev.warden.core.operations.WardenJobs;

/**
 * Window &gt; Preferences &gt; Warden &gt; Trusted Commands: the workspace list of trusted patterns, the deny list,
 * the lists projects share (with their acceptance), and a box that shows live how a command line would be judged
 * under what the page shows. Nothing is stored until Apply or OK.
 */
public final class TrustedCommandsPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	/** The page's id in the preference tree. */
	public static final String PAGE_ID = "dev.warden.ui.preferences.trust"; //$NON-NLS-1$

	private final Map<IProject, ProjectDraft> drafts = new HashMap<>();
	private final List<IProject> projects = new ArrayList<>();
	private Composite contents;
	private Composite banner;
	private Label bannerText;
	private TabFolder tabs;
	private McpToolsTab mcpTools;

	/** For tests: the Tools tab (trusted MCP tools). */
	public McpToolsTab mcpToolsTab() {
		return mcpTools;
	}
	private PatternTable workspace;
	private Text deny;
	private Label denyState;
	private Combo projectChoice;
	private PatternTable projectTable;
	private Label projectState;
	private Button accept;
	private Button revoke;
	private TryCommandBox tryBox;
	private FactsFileField factsFile;
	private String denyProblem;
	private TrustPolicy policy;
	private TrustPolicy policyIfAccepted;
	private boolean blockOnOpen = true;

	@Override
	public void init(IWorkbench workbench) {
		setDescription(TrustMessages.TrustPage_description);
	}

	@Override
	protected Control createContents(Composite parent) {
		contents = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(contents);

		createBanner(contents);
		tabs = new TabFolder(contents, SWT.TOP);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
		tab(TrustMessages.Page_workspaceTab, createWorkspaceTab(tabs));
		tab(TrustMessages.Page_denyTab, createDenyTab(tabs));
		tab(TrustMessages.Page_projectsTab, createProjectsTab(tabs));
		mcpTools = new McpToolsTab(tabs, this::updateValid);
		tab(McpMessages.ToolsTab_title, mcpTools.control());

		factsFile = new FactsFileField(contents, WardenServices.trust().factsFile(), this::listsChanged);
		tryBox = new TryCommandBox(contents, this::judge);

		workspace.setRows(PatternLines.rows(WardenServices.trust().workspaceText()));
		deny.setText(WardenServices.trust().denyText());
		showProject();
		listsChanged();
		return contents;
	}

	private void tab(String text, Control control) {
		TabItem item = new TabItem(tabs, SWT.NONE);
		item.setText(text);
		item.setControl(control);
	}

	private void createBanner(Composite parent) {
		banner = new Composite(parent, SWT.BORDER);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(banner);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(banner);
		Label icon = new Label(banner, SWT.NONE);
		icon.setImage(banner.getDisplay().getSystemImage(SWT.ICON_WARNING));
		GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(icon);
		bannerText = new Label(banner, SWT.WRAP);
		bannerText.setFont(JFaceResources.getBannerFont());
		bannerText.setText(TrustMessages.Page_universalBanner);
		GridDataFactory.fillDefaults().grab(true, false).hint(480, SWT.DEFAULT).applyTo(bannerText);
	}

	private Control createWorkspaceTab(Composite parent) {
		Composite tab = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(tab);
		wrapping(tab, TrustMessages.Page_workspaceIntro, 2);
		workspace = new PatternTable(tab, 5, false, this::listsChanged);
		Button importButton = workspace.button(TrustMessages.Page_import);
		importButton.addListener(SWT.Selection, e -> chooseImport());
		Button exportButton = workspace.button(TrustMessages.Page_export);
		exportButton.addListener(SWT.Selection, e -> chooseExport());
		return tab;
	}

	private Control createDenyTab(Composite parent) {
		Composite tab = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().applyTo(tab);
		Label intro = wrapping(tab, TrustMessages.Page_denyIntro, 1);
		intro.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DIALOG_FONT));
		wrapping(tab, TrustMessages.Page_denySyntax, 1);
		deny = new Text(tab, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
		deny.setFont(JFaceResources.getTextFont());
		GridDataFactory.fillDefaults().grab(true, true).hint(400, deny.getLineHeight() * 6).applyTo(deny);
		deny.addListener(SWT.Modify, e -> listsChanged());
		denyState = new Label(tab, SWT.WRAP);
		GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(denyState);
		return tab;
	}

	private Control createProjectsTab(Composite parent) {
		Composite tab = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(tab);
		wrapping(tab, TrustMessages.Page_projectsIntro, 2);

		Composite chooser = new Composite(tab, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(chooser);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(chooser);
		new Label(chooser, SWT.NONE).setText(TrustMessages.Page_project);
		projectChoice = new Combo(chooser, SWT.READ_ONLY | SWT.DROP_DOWN);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(projectChoice);
		for (IProject project : openProjects()) {
			projects.add(project);
			projectChoice.add(project.getName());
		}
		if (projects.isEmpty()) {
			projectChoice.add(TrustMessages.Page_noProjects);
			projectChoice.setEnabled(false);
		}
		projectChoice.select(0);
		projectChoice.addListener(SWT.Selection, e -> {
			showProject();
			listsChanged();
		});

		Composite acceptance = new Composite(tab, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).applyTo(acceptance);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(acceptance);
		projectState = new Label(acceptance, SWT.WRAP);
		projectState.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DIALOG_FONT));
		GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(300, SWT.DEFAULT)
				.applyTo(projectState);
		accept = new Button(acceptance, SWT.PUSH);
		accept.setText(TrustMessages.Page_accept);
		accept.addListener(SWT.Selection, e -> pressAccept());
		revoke = new Button(acceptance, SWT.PUSH);
		revoke.setText(TrustMessages.Page_revoke);
		revoke.addListener(SWT.Selection, e -> pressRevoke());
		GridDataFactory.fillDefaults().hint(100, SWT.DEFAULT).applyTo(accept);
		GridDataFactory.fillDefaults().hint(100, SWT.DEFAULT).applyTo(revoke);

		projectTable = new PatternTable(tab, 4, true, () -> {
			selectedDraft().ifPresent(draft -> draft.setRows(projectTable.rows()));
			listsChanged();
		});
		return tab;
	}

	private static List<IProject> openProjects() {
		List<IProject> open = new ArrayList<>();
		for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
			if (project.isOpen()) {
				open.add(project);
			}
		}
		open.sort(Comparator.comparing(IProject::getName, String.CASE_INSENSITIVE_ORDER));
		return open;
	}

	private static Label wrapping(Composite parent, String text, int span) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(text);
		GridDataFactory.fillDefaults().span(span, 1).grab(true, false).hint(400, SWT.DEFAULT).applyTo(label);
		return label;
	}

	private Optional<ProjectDraft> selectedDraft() {
		int index = projectChoice.getSelectionIndex();
		if (projects.isEmpty() || index < 0) {
			return Optional.empty();
		}
		return Optional.of(drafts.computeIfAbsent(projects.get(index), ProjectDraft::new));
	}

	private void showProject() {
		Optional<ProjectDraft> draft = selectedDraft();
		projectTable.setRows(draft.map(ProjectDraft::rows).orElse(List.of()));
		projectTable.setEnabled(draft.isPresent());
	}

	/** After any change of a list: checks the deny list, rebuilds the policy and shows its effect. */
	private void listsChanged() {
		policy = null;
		policyIfAccepted = null;
		checkDenyList();
		showProjectState();
		boolean universal = PatternLines.containsUniversal(workspace.rows()) || selectedDraft()
				.filter(draft -> draft.acceptance().isHonoured() && draft.list().containsUniversal()).isPresent();
		if (banner.getVisible() != universal) {
			banner.setVisible(universal);
			((GridData) banner.getLayoutData()).exclude = !universal;
			contents.layout(true, true);
		}
		tryBox.refresh();
		updateValid();
	}

	private void checkDenyList() {
		PatternList denied = PatternList.parse(PatternScope.DEFAULT, TrustMessages.Page_denyTab, deny.getText());
		denyProblem = null;
		if (!denied.trusted().isEmpty()) {
			denyProblem = NLS.bind(TrustMessages.Page_denyNotARule, firstLineWithoutBang(deny.getText()));
		} else if (!denied.problems().isEmpty()) {
			PatternProblem problem = denied.problems().get(0);
			denyProblem = NLS.bind(TrustMessages.Page_denyProblem, problem.lineNumber(), problem.message());
		}
		denyState.setText(denyProblem != null ? denyProblem
				: NLS.bind(TrustMessages.Page_denyCount, denied.denied().size()));
		denyState.setForeground(denyProblem != null
				? JFaceColors.getErrorText(denyState.getDisplay())
				: null);
	}

	private static int firstLineWithoutBang(String text) {
		List<String> lines = text.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("!")) { //$NON-NLS-1$ //$NON-NLS-2$
				return i + 1;
			}
		}
		return 0;
	}

	private void showProjectState() {
		Optional<ProjectDraft> selected = selectedDraft();
		if (selected.isEmpty()) {
			projectState.setText(TrustMessages.Page_noProjectsState);
			accept.setEnabled(false);
			revoke.setEnabled(false);
			return;
		}
		ProjectDraft draft = selected.get();
		String name = draft.project().getName();
		String state;
		if (!draft.needsAcceptance()) {
			state = NLS.bind(TrustMessages.Page_stateNotRequired, name);
		} else {
			state = switch (draft.acceptance()) {
			case ACCEPTED -> NLS.bind(TrustMessages.Page_stateAccepted, name);
			case CHANGED -> NLS.bind(TrustMessages.Page_stateChanged, name);
			case NOT_ACCEPTED, NOT_REQUIRED -> NLS.bind(TrustMessages.Page_stateNotAccepted, name);
			};
		}
		if (draft.acceptanceChanged()) {
			state = state + ' ' + TrustMessages.Page_stateOnApply;
		}
		projectState.setText(state);
		accept.setEnabled(draft.needsAcceptance() && draft.acceptance() != Acceptance.ACCEPTED);
		revoke.setEnabled(draft.acceptedHash().isPresent());
	}

	private void updateValid() {
		if (denyProblem != null) {
			setErrorMessage(denyProblem);
			setValid(false);
		} else if (mcpTools != null && mcpTools.problem().isPresent()) {
			setErrorMessage(mcpTools.problem().get());
			setValid(false);
		} else {
			setErrorMessage(null);
			setValid(true);
		}
	}

	private Path root() {
		IPath location = selectedDraft().map(draft -> draft.project().getLocation())
				.orElse(ResourcesPlugin.getWorkspace().getRoot().getLocation());
		if (location == null) {
			location = ResourcesPlugin.getWorkspace().getRoot().getLocation();
		}
		return location.toFile().toPath();
	}

	/**
	 * The policy of what the page shows; with {@code ifAccepted}, as if the selected project's list were accepted. As
	 * for the agent's commands, the hidden-file rules of the open projects apply (a {@code cat .env} that a pattern
	 * covers is still asked about).
	 */
	private TrustPolicy policy(boolean ifAccepted) {
		PatternList parsedDeny = PatternList.parse(PatternScope.DEFAULT, TrustMessages.Page_denyTab, deny.getText());
		// every open project, trusted or not (AgentScope.of leaves untrusted ones out, and may leave none)
		AgentScope projects = new AgentScope(AgentScope.candidates(), Set.of(),
				WardenServices.protection().sensitivePatterns());
		TrustPolicy.Builder builder = TrustPolicy.builder(root())
				.pathGuard(new PolicyPathGuard(projects.pathPolicy()))
				.add(new PatternList(PatternScope.DEFAULT, parsedDeny.source(), List.of(), parsedDeny.denied(),
						List.of()))
				.add(PatternLines.list(PatternScope.WORKSPACE, TrustMessages.Page_workspaceTab, workspace.rows()));
		selectedDraft().ifPresent(draft -> builder.add(draft.list(),
				ifAccepted ? Optional.of(draft.list().contentHash()) : draft.acceptedHash()));
		if (factsFile != null) {
			builder.programFacts(factsFile.facts());
		}
		return builder.build();
	}

	private TryCommandBox.Judgement judge(String line) {
		if (policy == null) {
			policy = policy(false);
		}
		CommandVerdict verdict = policy.evaluate(line);
		Optional<String> note = Optional.empty();
		Optional<ProjectDraft> draft = selectedDraft();
		if (draft.isPresent() && draft.get().needsAcceptance() && !draft.get().acceptance().isHonoured()) {
			if (policyIfAccepted == null) {
				policyIfAccepted = policy(true);
			}
			CommandVerdict ifAccepted = policyIfAccepted.evaluate(line);
			if (ifAccepted.verdict() != verdict.verdict()) {
				note = Optional.of(NLS.bind(TrustMessages.Try_ifAccepted, draft.get().project().getName(),
						ifAccepted.verdict().name()));
			}
		}
		return new TryCommandBox.Judgement(verdict, note);
	}

	/** Presses Accept…: shows the selected project's list as drafted and what accepting it enables. */
	public ProjectTrustListDialog pressAccept() {
		Optional<ProjectDraft> selected = selectedDraft();
		if (selected.isEmpty()) {
			return null;
		}
		ProjectDraft draft = selected.get();
		ProjectTrustListDialog acceptDialog = new ProjectTrustListDialog(getShell(), draft.project(), draft.list(),
				draft.acceptance(), shown -> {
					draft.accept(shown);
					listsChanged();
					return true;
				});
		acceptDialog.setBlockOnOpen(blockOnOpen);
		acceptDialog.open();
		return acceptDialog;
	}

	/** Presses Revoke: the selected project's list is no longer honoured (once applied). */
	public void pressRevoke() {
		selectedDraft().ifPresent(draft -> {
			draft.revoke();
			listsChanged();
		});
	}

	private void chooseImport() {
		FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
		dialog.setText(TrustMessages.Page_importTitle);
		dialog.setFilterExtensions(new String[] { "*.txt", "*" }); //$NON-NLS-1$ //$NON-NLS-2$
		String file = dialog.open();
		if (file != null) {
			importFrom(Path.of(file));
		}
	}

	private void chooseExport() {
		FileDialog dialog = new FileDialog(getShell(), SWT.SAVE);
		dialog.setText(TrustMessages.Page_exportTitle);
		dialog.setFileName("trusted-commands.txt"); //$NON-NLS-1$
		dialog.setOverwrite(true);
		String file = dialog.open();
		if (file != null) {
			exportTo(Path.of(file));
		}
	}

	/**
	 * Reads a pattern file (in a job) and adds its trust patterns to the workspace list and its deny rules to the
	 * deny list, those not there yet; as Import… does once a file is chosen.
	 *
	 * @return completes on the UI thread once the page shows the result
	 */
	public CompletableFuture<Void> importFrom(Path file) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		WardenJobs.scheduleSystem(NLS.bind(TrustMessages.Page_importJob, file), monitor -> {
			try {
				String text = Files.readString(file);
				UI.runOnUIThread(contents, () -> imported(file, text));
			} catch (IOException e) {
				ILog.of(getClass()).warn(NLS.bind(TrustMessages.Page_importFailed, file, e.getMessage()), e);
				UI.runOnUIThread(contents,
						() -> setMessage(NLS.bind(TrustMessages.Page_importFailed, file, e.getMessage()), IMessageProvider.ERROR));
			} finally {
				UI.runOnUIThread(() -> done.complete(null));
			}
		});
		return done;
	}

	private void imported(Path file, String text) {
		PatternFiles.Imported imported = PatternFiles.read(file.getFileName().toString(), text);
		int patterns = workspace.addRows(imported.trusted());
		List<String> denyRows = PatternLines.rows(deny.getText());
		StringBuilder denyText = new StringBuilder(deny.getText());
		int rules = 0;
		for (String rule : imported.denied()) {
			if (!PatternLines.contains(denyRows, rule)) {
				if (denyText.length() > 0 && denyText.charAt(denyText.length() - 1) != '\n') {
					denyText.append('\n');
				}
				denyText.append(rule).append('\n');
				denyRows.add(rule);
				rules++;
			}
		}
		if (rules > 0) {
			deny.setText(denyText.toString());
		}
		if (imported.problems().isEmpty()) {
			setMessage(NLS.bind(TrustMessages.Page_imported, new Object[] { patterns, rules, file.getFileName() }),
					IMessageProvider.INFORMATION);
		} else {
			PatternProblem first = imported.problems().get(0);
			setMessage(NLS.bind(TrustMessages.Page_importedWithProblems, new Object[] { patterns, rules,
					imported.problems().size(), first.lineNumber(), first.message() }), IMessageProvider.WARNING);
		}
	}

	/**
	 * Writes the workspace list and the deny list as shown to a pattern file (in a job), as Export… does once a
	 * file is chosen.
	 *
	 * @return completes on the UI thread once the file is written (or the failure is shown)
	 */
	public CompletableFuture<Void> exportTo(Path file) {
		String text = PatternFiles.exportText(workspace.rows(), deny.getText());
		int patterns = workspace.rows().size();
		CompletableFuture<Void> done = new CompletableFuture<>();
		WardenJobs.scheduleSystem(NLS.bind(TrustMessages.Page_exportJob, file), monitor -> {
			try {
				Files.writeString(file, text);
				UI.runOnUIThread(contents, () -> setMessage(
						NLS.bind(TrustMessages.Page_exported, patterns, file.getFileName()),
						IMessageProvider.INFORMATION));
			} catch (IOException e) {
				ILog.of(getClass()).warn(NLS.bind(TrustMessages.Page_exportFailed, file, e.getMessage()), e);
				UI.runOnUIThread(contents,
						() -> setMessage(NLS.bind(TrustMessages.Page_exportFailed, file, e.getMessage()), IMessageProvider.ERROR));
			} finally {
				UI.runOnUIThread(() -> done.complete(null));
			}
		});
		return done;
	}

	@Override
	protected void performDefaults() {
		workspace.setRows(List.of());
		deny.setText(DefaultDenyList.text());
		mcpTools.clear();
		listsChanged();
		super.performDefaults();
	}

	@Override
	public boolean performOk() {
		if (denyProblem != null || mcpTools.problem().isPresent()) {
			return false;
		}
		try {
			mcpTools.save();
			if (!workspace.rows().equals(PatternLines.rows(WardenServices.trust().workspaceText()))) {
				WardenServices.trust().saveWorkspaceText(PatternLines.text(workspace.rows()));
			}
			if (!deny.getText().equals(WardenServices.trust().denyText())) {
				WardenServices.trust().saveDenyText(deny.getText());
			}
			if (!factsFile.path().equals(WardenServices.trust().factsFile())) {
				WardenServices.trust().saveFactsFile(factsFile.path());
			}
			for (ProjectDraft draft : drafts.values()) {
				if (draft.isDirty() && draft.project().isOpen()) {
					draft.save();
				}
			}
		} catch (BackingStoreException e) {
			ILog.of(getClass()).log(Status.error(TrustMessages.Page_saveFailed, e));
			setErrorMessage(TrustMessages.Page_saveFailed + ' ' + e.getMessage());
			return false;
		}
		drafts.clear();
		if (!contents.isDisposed()) {
			showProject();
			listsChanged();
		}
		return true;
	}

	@Override
	public boolean performCancel() {
		drafts.clear();
		return true;
	}

	/**
	 * For tests: whether the page's dialogs open blocking (the default), or return at once so that a test can drive
	 * them through their own hooks.
	 */
	public void setBlockOnOpen(boolean block) {
		blockOnOpen = block;
		workspace.setBlockOnOpen(block);
		projectTable.setBlockOnOpen(block);
	}

	/** For tests: presses Restore Defaults. */
	public void pressRestoreDefaults() {
		performDefaults();
	}

	/** For tests: the workspace list's table. */
	public PatternTable workspaceTable() {
		return workspace;
	}

	/** For tests: the selected project's table. */
	public PatternTable projectTable() {
		return projectTable;
	}

	/** For tests: the Try a command box. */
	public TryCommandBox tryBox() {
		return tryBox;
	}

	/** For tests: shows the tab at {@code index} (0 workspace, 1 deny rules, 2 projects). */
	public void showTab(int index) {
		tabs.setSelection(index);
	}

	/** For tests: selects {@code project} in the project picker, as a user would. */
	public void selectProject(IProject project) {
		int index = projects.indexOf(project);
		if (index < 0) {
			throw new IllegalArgumentException("not an open project of the picker: " + project.getName()); //$NON-NLS-1$
		}
		projectChoice.select(index);
		showProject();
		listsChanged();
	}

	/** For tests: the deny list as shown. */
	public String denyText() {
		return deny.getText();
	}

	/** For tests: replaces the deny list's text, as typing would. */
	public void setDenyText(String text) {
		deny.setText(text);
	}

	/** For tests: whether the universal-trust banner shows. */
	public boolean isUniversalBannerShown() {
		return banner.getVisible();
	}

	/** For tests: the banner's text. */
	public String bannerText() {
		return bannerText.getText();
	}

	/** For tests: the selected project's acceptance state as shown. */
	public String projectStateText() {
		return projectState.getText();
	}
}
