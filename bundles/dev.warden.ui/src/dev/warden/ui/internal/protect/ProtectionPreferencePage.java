package dev.warden.ui.internal.protect;

import dev.warden.core.settings.WardenPreferences;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.prefs.BackingStoreException;

import dev.warden.core.settings.ProtectionSettings;
import dev.warden.core.settings.ProtectionSettings.UntrustedProjects;
import dev.warden.core.protect.EnvironmentPolicy;
import dev.warden.core.protect.HostResolver;
import dev.warden.core.protect.SensitivePatterns;
import dev.warden.core.protect.UrlPolicy;

/**
 * Window &gt; Preferences &gt; Warden &gt; Protection: the sensitive patterns, the environment commands inherit (with a
 * live preview of the names), the internal hosts URL fetching may reach, and what the agent may do in projects the
 * user has not trusted. Nothing is stored before Apply or OK; the trusted projects are a record of the user's
 * decisions rather than a setting, so Restore Defaults leaves them alone.
 */
public final class ProtectionPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

	/** The page's id in the preference tree. */
	public static final String ID = "dev.warden.ui.preferences.protection"; //$NON-NLS-1$

	private static final int WRAP_WIDTH = 540;
	private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+"); //$NON-NLS-1$
	private static final Pattern VARIABLE_NAME = Pattern.compile("[^=\\p{Cntrl}]+"); //$NON-NLS-1$

	private TabFolder tabs;
	private Text sensitive;
	private Text allowedVariables;
	private Button minimal;
	private EnvironmentPreview preview;
	private Map<String, String> environment = System.getenv();
	private Text allowedHosts;
	private Label sandboxStatus;
	private Button requireSandbox;
	private Text commandHosts;
	private Text commandMasks;
	private Combo readableProject;
	private Text readableFiles;
	/** The files commands may read, per project, as edited (text, one a line); saved on Apply. */
	private final Map<String, String> readableEdits = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
	private String readableShown;
	private Button excluded;
	private Button readOnly;
	private org.eclipse.swt.widgets.List trusted;
	private Button revoke;
	private final List<String> trustedNames = new ArrayList<>();
	private final Set<String> revoked = new TreeSet<>();

	@Override
	public void init(IWorkbench workbench) {
		setDescription(ProtectMessages.ProtectionPage_description);
	}

	@Override
	protected Control createContents(Composite parent) {
		tabs = new TabFolder(parent, SWT.TOP);
		tab(ProtectMessages.ProtectionPage_hiddenTab, this::createHiddenTab);
		tab(ProtectMessages.ProtectionPage_environmentTab, this::createEnvironmentTab);
		tab(ProtectMessages.ProtectionPage_urlTab, this::createUrlTab);
		tab(ProtectMessages.ProtectionPage_projectsTab, this::createProjectsTab);
		tab(ProtectMessages.ProtectionPage_commandsTab, this::createCommandsTab);
		show();
		Dialog.applyDialogFont(tabs);
		return tabs;
	}

	private void tab(String title, Consumer<Composite> contents) {
		TabItem item = new TabItem(tabs, SWT.NONE);
		item.setText(title);
		Composite composite = new Composite(tabs, SWT.NONE);
		GridLayoutFactory.swtDefaults().margins(8, 8).applyTo(composite);
		contents.accept(composite);
		item.setControl(composite);
	}

	/**
	 * A label that wraps at the page's width. Its width hint is near the width the page usually gets, because the
	 * preference dialog sizes the page by the labels' heights at their hinted widths.
	 */
	private static Label wrapping(Composite parent, String text) {
		Label label = new Label(parent, SWT.WRAP);
		label.setText(text);
		GridDataFactory.fillDefaults().grab(true, false).hint(WRAP_WIDTH, SWT.DEFAULT).applyTo(label);
		return label;
	}

	private static Text editor(Composite parent, int lines) {
		Text text = new Text(parent, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
		text.setFont(JFaceResources.getTextFont());
		GridDataFactory.fillDefaults().grab(true, true).hint(300, text.getLineHeight() * lines).applyTo(text);
		return text;
	}

	private void createHiddenTab(Composite tab) {
		wrapping(tab, ProtectMessages.HiddenTab_intro);
		new Label(tab, SWT.NONE).setText(ProtectMessages.HiddenTab_patterns);
		sensitive = editor(tab, 7);
		wrapping(tab, ProtectMessages.HiddenTab_ignoreFiles);
		Button show = new Button(tab, SWT.PUSH);
		show.setText(ProtectMessages.HiddenTab_show);
		show.addListener(SWT.Selection, e -> hiddenFilesDialog().open());
		GridDataFactory.swtDefaults().applyTo(show);
	}

	private void createEnvironmentTab(Composite tab) {
		wrapping(tab, ProtectMessages.EnvTab_intro);
		wrapping(tab, ProtectMessages.EnvTab_allowed);
		allowedVariables = editor(tab, 2);
		((GridData) allowedVariables.getLayoutData()).grabExcessVerticalSpace = false;
		allowedVariables.addListener(SWT.Modify, e -> changed());
		minimal = new Button(tab, SWT.CHECK);
		minimal.setText(ProtectMessages.EnvTab_minimal);
		minimal.addListener(SWT.Selection, e -> changed());
		wrapping(tab, ProtectMessages.EnvTab_preview);
		preview = new EnvironmentPreview(tab);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(preview.getControl());
	}

	private void createUrlTab(Composite tab) {
		wrapping(tab, ProtectMessages.UrlTab_intro);
		wrapping(tab, ProtectMessages.UrlTab_allowed);
		allowedHosts = editor(tab, 5);
		allowedHosts.addListener(SWT.Modify, e -> changed());
		wrapping(tab, ProtectMessages.UrlTab_hint);
	}

	private void createCommandsTab(Composite tab) {
		wrapping(tab, ProtectMessages.CommandsTab_intro);
		sandboxStatus = wrapping(tab, ProtectMessages.CommandsTab_checking);
		CompletableFuture.supplyAsync(() -> WardenServices.sandbox().availability())
				.thenAccept(availability -> UI.runOnUIThread(sandboxStatus, () -> {
					sandboxStatus.setText(NLS.bind(availability.available() ? ProtectMessages.CommandsTab_sandboxed
							: ProtectMessages.CommandsTab_notSandboxed, availability.reason()));
					sandboxStatus.getParent().layout(true, true);
				}));
		requireSandbox = new Button(tab, SWT.CHECK);
		requireSandbox.setText(ProtectMessages.CommandsTab_require);
		wrapping(tab, ProtectMessages.CommandsTab_hosts);
		commandHosts = editor(tab, 2);
		wrapping(tab, ProtectMessages.CommandsTab_masked);
		commandMasks = editor(tab, 2);
		wrapping(tab, ProtectMessages.CommandsTab_readable);
		// the project and its list side by side: the tab is tall already
		Composite row = new Composite(tab, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).applyTo(row);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(row);
		Label projectLabel = new Label(row, SWT.NONE);
		projectLabel.setText(ProtectMessages.CommandsTab_readableProject);
		GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).indent(0, 4).applyTo(projectLabel);
		readableProject = new Combo(row, SWT.READ_ONLY | SWT.DROP_DOWN);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).hint(160, SWT.DEFAULT).applyTo(readableProject);
		readableFiles = editor(row, 2);
		readableFiles.setToolTipText(ProtectMessages.CommandsTab_readableTooltip);
		readableProject.addListener(SWT.Selection, e -> showReadable(readableProject.getText()));
		readableFiles.addListener(SWT.Modify, e -> {
			if (readableShown != null) {
				readableEdits.put(readableShown, readableFiles.getText());
				changed();
			}
		});
	}

	/**
	 * The projects whose masked files commands may read can be chosen from: the open projects of the workspace, and
	 * projects that have a list already (also when they are gone: a project created later under the same name).
	 */
	private List<String> readableProjects() {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
			if (project.isOpen()) {
				names.add(project.getName());
			}
		}
		String prefix = ProtectionSettings.SANDBOX_READABLE_PREFIX;
		try {
			Arrays.stream(InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER).keys())
					.filter(key -> key.startsWith(prefix)).map(key -> key.substring(prefix.length()))
					.forEach(names::add);
		} catch (BackingStoreException e) {
			ILog.of(getClass()).log(Status.error(ProtectMessages.ProtectionPage_saveFailed, e));
		}
		return List.copyOf(names);
	}

	private void showReadableProjects() {
		readableEdits.clear();
		readableShown = null;
		List<String> projects = readableProjects();
		readableProject.setItems(projects.toArray(String[]::new));
		readableProject.setEnabled(!projects.isEmpty());
		readableFiles.setEnabled(!projects.isEmpty());
		if (projects.isEmpty()) {
			readableProject.setItems(new String[] { ProtectMessages.CommandsTab_readableNoProject });
			readableProject.select(0);
			readableFiles.setText(""); //$NON-NLS-1$
		} else {
			readableProject.select(0);
			showReadable(projects.get(0));
		}
	}

	private void showReadable(String project) {
		readableShown = null; // the text set below is not an edit
		String text = readableEdits.computeIfAbsent(project, name -> String.join("\n", //$NON-NLS-1$
				WardenServices.protection().names(ProtectionSettings.SANDBOX_READABLE_PREFIX + name)));
		readableFiles.setText(text);
		readableShown = project;
	}

	/** The problem with the files commands may read, if any, naming the project and the line. */
	private Optional<String> readableProblem() {
		for (Map.Entry<String, String> entry : readableEdits.entrySet()) {
			List<String> lines = entry.getValue().lines().toList();
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i).strip();
				if (!line.isEmpty() && !insideProject(line)) {
					return Optional.of(NLS.bind(ProtectMessages.CommandsTab_readableInvalid,
							new Object[] { entry.getKey(), i + 1, line }));
				}
			}
		}
		return Optional.empty();
	}

	/** Whether {@code path} names a file inside a project: relative, no {@code ..}, nothing the list splits at. */
	private static boolean insideProject(String path) {
		if (path.startsWith("/") || path.startsWith("~") || path.contains("\\") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				|| SEPARATORS.matcher(path).find()) {
			return false;
		}
		for (String segment : path.split("/")) { //$NON-NLS-1$
			if (segment.equals("..")) { //$NON-NLS-1$
				return false;
			}
		}
		return true;
	}

	private static Set<String> readableNames(String text) {
		Set<String> names = new LinkedHashSet<>();
		text.lines().map(String::strip).filter(line -> !line.isEmpty())
				.map(line -> line.startsWith("./") ? line.substring(2) : line).forEach(names::add); //$NON-NLS-1$
		return names;
	}

	private void createProjectsTab(Composite tab) {
		Group untrusted = new Group(tab, SWT.NONE);
		untrusted.setText(ProtectMessages.ProjectsTab_untrusted);
		GridLayoutFactory.swtDefaults().applyTo(untrusted);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(untrusted);
		excluded = new Button(untrusted, SWT.RADIO);
		excluded.setText(ProtectMessages.ProjectsTab_excluded);
		readOnly = new Button(untrusted, SWT.RADIO);
		readOnly.setText(ProtectMessages.ProjectsTab_readOnly);

		Label label = wrapping(tab, ProtectMessages.ProjectsTab_trusted);
		GridDataFactory.createFrom((GridData) label.getLayoutData()).indent(0, 8)
				.applyTo(label);
		Composite list = new Composite(tab, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(list);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(list);
		trusted = new org.eclipse.swt.widgets.List(list, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
		GridDataFactory.fillDefaults().grab(true, true).hint(300, 100).applyTo(trusted);
		revoke = new Button(list, SWT.PUSH);
		revoke.setText(ProtectMessages.ProjectsTab_revoke);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(revoke);
		trusted.addListener(SWT.Selection, e -> revoke.setEnabled(trusted.getSelectionCount() > 0));
		revoke.addListener(SWT.Selection, e -> revokeSelected());
		wrapping(tab, ProtectMessages.ProjectsTab_note);
	}

	/** Fills the page from the stored settings. */
	private void show() {
		sensitive.setText(WardenServices.protection().sensitiveText());
		allowedVariables.setText(String.join("\n", WardenServices.protection().names(ProtectionSettings.ENV_ALLOWED))); //$NON-NLS-1$
		minimal.setSelection(WardenServices.protection().minimalEnvironment());
		allowedHosts.setText(String.join("\n", WardenServices.protection().names(ProtectionSettings.URL_ALLOWED))); //$NON-NLS-1$
		choose(WardenServices.protection().untrustedProjects());
		requireSandbox.setSelection(WardenServices.protection().requireSandbox());
		commandHosts.setText(String.join("\n", WardenServices.protection().names(ProtectionSettings.SANDBOX_HOSTS))); //$NON-NLS-1$
		commandMasks.setText(String.join("\n", WardenServices.protection().names(ProtectionSettings.SANDBOX_MASKED))); //$NON-NLS-1$
		showReadableProjects();
		trustedNames.clear();
		trustedNames.addAll(trustedProjects());
		revoked.clear();
		showTrusted();
		changed();
	}

	/**
	 * The projects the user trusted, read from the preference keys {@link ProtectionSettings} writes, including
	 * projects no longer in the workspace: a project created later under the same name would be trusted too.
	 */
	private List<String> trustedProjects() {
		String prefix = ProtectionSettings.TRUSTED_PROJECT_PREFIX;
		try {
			return Arrays.stream(InstanceScope.INSTANCE.getNode(WardenPreferences.QUALIFIER).keys())
					.filter(key -> key.startsWith(prefix)).map(key -> key.substring(prefix.length()))
					.filter(WardenServices.protection()::isProjectTrusted).sorted(String.CASE_INSENSITIVE_ORDER).toList();
		} catch (BackingStoreException e) {
			ILog.of(getClass()).log(Status.error(ProtectMessages.ProtectionPage_saveFailed, e));
			return List.of();
		}
	}

	private void showTrusted() {
		trusted.removeAll();
		for (String name : trustedNames) {
			IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
			trusted.add(project.exists() ? name : NLS.bind(ProtectMessages.ProjectsTab_missing, name));
		}
		revoke.setEnabled(false);
	}

	private void revokeSelected() {
		int[] selection = trusted.getSelectionIndices();
		for (int i = selection.length - 1; i >= 0; i--) {
			revoked.add(trustedNames.remove(selection[i]));
		}
		showTrusted();
	}

	private void choose(UntrustedProjects choice) {
		excluded.setSelection(choice == UntrustedProjects.EXCLUDED);
		readOnly.setSelection(choice == UntrustedProjects.READ_ONLY);
	}

	private UntrustedProjects chosen() {
		return readOnly.getSelection() ? UntrustedProjects.READ_ONLY : UntrustedProjects.EXCLUDED;
	}

	private static Set<String> names(String text) {
		Set<String> names = new LinkedHashSet<>();
		SEPARATORS.splitAsStream(text).filter(name -> !name.isEmpty()).forEach(names::add);
		return names;
	}

	/** The problem with the variable names, if any. */
	private Optional<String> variablesProblem() {
		return names(allowedVariables.getText()).stream().filter(name -> !VARIABLE_NAME.matcher(name).matches())
				.findFirst().map(name -> NLS.bind(ProtectMessages.EnvTab_invalidName, name));
	}

	/** The problem with the allowed hosts, if any, naming the line. */
	private Optional<String> hostsProblem() {
		List<String> lines = allowedHosts.getText().lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			for (String host : names(lines.get(i))) {
				try {
					UrlPolicy.of(Set.of(host), HostResolver.SYSTEM);
				} catch (IllegalArgumentException e) {
					return Optional.of(NLS.bind(ProtectMessages.UrlTab_invalid, i + 1, host));
				}
			}
		}
		return Optional.empty();
	}

	/** Validates the page and brings the environment preview up to date. */
	private void changed() {
		Optional<String> variables = variablesProblem();
		Optional<String> problem = variables.or(this::hostsProblem).or(this::readableProblem);
		setErrorMessage(problem.orElse(null));
		setValid(problem.isEmpty());
		if (variables.isEmpty()) {
			preview.show(currentEnvironmentPolicy().scrub(environment));
		}
	}

	private EnvironmentPolicy currentEnvironmentPolicy() {
		return new EnvironmentPolicy(minimal.getSelection(), names(allowedVariables.getText()));
	}

	private HiddenFilesDialog hiddenFilesDialog() {
		return HiddenFilesDialog.forWorkspace(getShell(), SensitivePatterns.parse(sensitive.getText()));
	}

	@Override
	protected void performDefaults() {
		sensitive.setText(SensitivePatterns.defaultText());
		allowedVariables.setText(""); //$NON-NLS-1$
		minimal.setSelection(false);
		allowedHosts.setText(""); //$NON-NLS-1$
		choose(UntrustedProjects.EXCLUDED);
		requireSandbox.setSelection(false);
		commandHosts.setText(""); //$NON-NLS-1$
		commandMasks.setText(""); //$NON-NLS-1$
		for (String project : List.copyOf(readableEdits.keySet())) {
			readableEdits.put(project, ""); //$NON-NLS-1$
		}
		if (readableShown != null) {
			readableFiles.setText(""); //$NON-NLS-1$
		}
		changed();
		super.performDefaults();
	}

	@Override
	public boolean performOk() {
		if (!isValid()) {
			return false;
		}
		try {
			WardenServices.protection().saveSensitiveText(sensitive.getText());
			WardenServices.protection().saveNames(ProtectionSettings.ENV_ALLOWED, names(allowedVariables.getText()));
			WardenServices.protection().saveMinimalEnvironment(minimal.getSelection());
			WardenServices.protection().saveNames(ProtectionSettings.URL_ALLOWED, names(allowedHosts.getText()));
			WardenServices.protection().saveUntrustedProjects(chosen());
			WardenServices.protection().saveRequireSandbox(requireSandbox.getSelection());
			WardenServices.protection().saveNames(ProtectionSettings.SANDBOX_HOSTS, names(commandHosts.getText()));
			WardenServices.protection().saveNames(ProtectionSettings.SANDBOX_MASKED, names(commandMasks.getText()));
			for (Map.Entry<String, String> entry : readableEdits.entrySet()) {
				WardenServices.protection().saveNames(ProtectionSettings.SANDBOX_READABLE_PREFIX + entry.getKey(),
						readableNames(entry.getValue()));
			}
			for (String name : revoked) {
				WardenServices.protection().setProjectTrusted(name, false);
			}
			revoked.clear();
			return true;
		} catch (BackingStoreException e) {
			ILog.of(getClass()).log(Status.error(ProtectMessages.ProtectionPage_saveFailed, e));
			setErrorMessage(ProtectMessages.ProtectionPage_saveFailed + ' ' + e.getMessage());
			return false;
		}
	}

	/** For tests and screenshots: brings the tab at {@code index} to the front (0: hidden files … 3: projects). */
	public void showTab(int index) {
		tabs.setSelection(index);
	}

	/** For tests: presses Restore Defaults. */
	public void pressRestoreDefaults() {
		performDefaults();
	}

	/** For tests: types the sensitive patterns. */
	public void setSensitiveText(String text) {
		sensitive.setText(text);
	}

	/** For tests: types the allowed variable names. */
	public void setAllowedVariables(String text) {
		allowedVariables.setText(text);
	}

	/** For tests: ticks or clears the minimal-environment switch, as a click would. */
	public void setMinimalEnvironment(boolean on) {
		minimal.setSelection(on);
		minimal.notifyListeners(SWT.Selection, null);
	}

	/** For tests: types the allowed hosts. */
	public void setAllowedHosts(String text) {
		allowedHosts.setText(text);
	}

	/** For tests: ticks or clears Require a sandbox and types the hosts and masks of the Commands tab. */
	public void setCommandSettings(boolean required, String hosts, String masked) {
		requireSandbox.setSelection(required);
		commandHosts.setText(hosts);
		commandMasks.setText(masked);
	}

	/** For tests: chooses {@code project} on the Commands tab and types the masked files commands may read in it. */
	public void setReadableFiles(String project, String files) {
		readableProject.select(readableProject.indexOf(project));
		readableProject.notifyListeners(SWT.Selection, null);
		readableFiles.setText(files);
	}

	/** For tests: the project chosen on the Commands tab and the files commands may read in it, as shown. */
	public String readableFilesShown() {
		return readableProject.getText() + ": " + readableFiles.getText(); //$NON-NLS-1$
	}

	/** For tests: what the Commands tab says about the sandbox. */
	public String sandboxStatus() {
		return sandboxStatus.getText();
	}

	/** For tests: chooses what happens in untrusted projects. */
	public void setUntrustedProjects(UntrustedProjects choice) {
		choose(choice);
	}

	/** For tests: the trusted projects listed, as shown. */
	public List<String> trustedProjectsShown() {
		return List.of(trusted.getItems());
	}

	/** For tests: selects the project called {@code name} in the trusted list and presses Revoke. */
	public void revoke(String name) {
		trusted.setSelection(trustedNames.indexOf(name));
		revokeSelected();
	}

	/** For tests: previews the environment a command would get from {@code variables} instead of the IDE's. */
	public void previewEnvironment(Map<String, String> variables) {
		environment = Map.copyOf(variables);
		changed();
	}

	/** For tests: the environment preview. */
	public EnvironmentPreview environmentPreview() {
		return preview;
	}

	/** For tests: the hidden-files dialog the button opens, not opened yet. */
	public HiddenFilesDialog createHiddenFilesDialog() {
		return hiddenFilesDialog();
	}
}
