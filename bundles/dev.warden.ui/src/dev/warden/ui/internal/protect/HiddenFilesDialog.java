package dev.warden.ui.internal.protect;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import dev.warden.core.protect.SensitivePatterns;
import dev.warden.ui.internal.UI;
import dev.warden.core.agent.AgentScope;
import dev.warden.core.operations.WardenJobs;

/**
 * Lists, for a project chosen in the dialog, the files and folders the agent cannot see. The project is scanned in a
 * {@link Job}; choosing another project or closing the dialog cancels a scan under way.
 */
public final class HiddenFilesDialog extends Dialog {

	/** At most this many hidden entries are listed. */
	static final int LIMIT = 2000;

	private final SensitivePatterns patterns;
	private final List<IProject> projects;
	private final int initialIndex;
	private Combo projectCombo;
	private Label status;
	private Table table;
	private Job scan;
	private int scans;
	private boolean scanning;

	/**
	 * @param patterns the sensitive patterns to apply, typically as they stand on the preference page
	 * @param projects the projects to offer
	 * @param selected the project to scan first, or {@code null} for the first one
	 */
	public HiddenFilesDialog(Shell parent, SensitivePatterns patterns, List<IProject> projects, IProject selected) {
		super(parent);
		this.patterns = patterns;
		this.projects = List.copyOf(projects);
		this.initialIndex = selected == null ? 0 : Math.max(0, this.projects.indexOf(selected));
		setShellStyle(getShellStyle() | SWT.RESIZE);
	}

	/** A dialog offering the open projects on the local file system. */
	public static HiddenFilesDialog forWorkspace(Shell parent, SensitivePatterns patterns) {
		return new HiddenFilesDialog(parent, patterns, AgentScope.candidates(), null);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(ProtectMessages.HiddenFiles_title);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		GridLayoutFactory.fillDefaults().numColumns(2).margins(10, 10).applyTo(area);

		new Label(area, SWT.NONE).setText(ProtectMessages.HiddenFiles_project);
		projectCombo = new Combo(area, SWT.READ_ONLY | SWT.DROP_DOWN);
		projects.forEach(project -> projectCombo.add(project.getName()));
		projectCombo.addListener(SWT.Selection, e -> scanSelected());
		GridDataFactory.fillDefaults().grab(true, false).applyTo(projectCombo);

		Label note = new Label(area, SWT.WRAP);
		note.setText(ProtectMessages.HiddenFiles_patternsNote);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(560, SWT.DEFAULT).applyTo(note);

		table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		TableColumn path = new TableColumn(table, SWT.NONE);
		path.setText(ProtectMessages.HiddenFiles_path);
		path.setWidth(240);
		TableColumn reason = new TableColumn(table, SWT.NONE);
		reason.setText(ProtectMessages.HiddenFiles_reason);
		reason.setWidth(400);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(660, 320).applyTo(table);

		status = new Label(area, SWT.WRAP);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(560, SWT.DEFAULT).applyTo(status);

		if (projects.isEmpty()) {
			projectCombo.setEnabled(false);
			status.setText(ProtectMessages.HiddenFiles_noProjects);
		} else {
			projectCombo.select(initialIndex);
			scanSelected();
		}
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
	}

	@Override
	protected void buttonPressed(int buttonId) {
		if (buttonId == IDialogConstants.CLOSE_ID) {
			close();
		} else {
			super.buttonPressed(buttonId);
		}
	}

	@Override
	public boolean close() {
		cancelScan();
		return super.close();
	}

	private void cancelScan() {
		if (scan != null) {
			scan.cancel();
			scan = null;
		}
	}

	private void scanSelected() {
		cancelScan();
		IProject project = projects.get(projectCombo.getSelectionIndex());
		table.removeAll();
		status.setText(NLS.bind(ProtectMessages.HiddenFiles_scanning, project.getName()));
		scanning = true;
		int generation = ++scans;
		HiddenFilesScan files = new HiddenFilesScan(project.getName(), project.getLocation().toFile().toPath(),
				patterns, LIMIT);
		Job job = WardenJobs.job(ProtectMessages.HiddenFiles_job, monitor -> {
			try {
				HiddenFilesScan.Result result = files.run(monitor);
				UI.runOnUIThread(table, () -> show(generation, project, result));
			} catch (IllegalArgumentException e) {
				IStatus failure = Status.warning(NLS.bind(ProtectMessages.HiddenFiles_failed, project.getName(),
						e.getMessage()), e);
				ILog.of(HiddenFilesDialog.class).log(failure);
				UI.runOnUIThread(table, () -> failed(generation, failure.getMessage()));
			}
		});
		job.setSystem(true);
		scan = job;
		job.schedule();
	}

	private void show(int generation, IProject project, HiddenFilesScan.Result result) {
		if (!isCurrent(generation)) {
			return;
		}
		scanning = false;
		for (HiddenFilesScan.HiddenFile file : result.files()) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { file.directory() ? file.relativePath() + '/' : file.relativePath(),
					file.reason() });
		}
		String text;
		if (result.truncated()) {
			text = NLS.bind(ProtectMessages.HiddenFiles_truncated, result.files().size(), project.getName());
		} else if (result.files().isEmpty()) {
			text = NLS.bind(ProtectMessages.HiddenFiles_none, project.getName());
		} else {
			text = NLS.bind(ProtectMessages.HiddenFiles_count, result.files().size(), project.getName());
		}
		if (!result.unreadable().isEmpty()) {
			text += ' ' + NLS.bind(ProtectMessages.HiddenFiles_unreadable, result.unreadable().size());
		}
		status.setText(text);
		status.getParent().layout(true, true);
	}

	private void failed(int generation, String message) {
		if (isCurrent(generation)) {
			scanning = false;
			status.setText(message);
		}
	}

	/** Whether the scan numbered {@code generation} is the latest one, so its result is still wanted. */
	private boolean isCurrent(int generation) {
		return !table.isDisposed() && generation == scans;
	}

	/** For tests: whether a scan is under way. */
	public boolean isScanning() {
		return scanning;
	}

	/** For tests: the rows shown, each as path, a tab, and the reason. */
	public List<String> rows() {
		return Arrays.stream(table.getItems()).map(item -> item.getText(0) + '\t' + item.getText(1))
				.toList();
	}

	/** For tests: the summary line shown below the list. */
	public String statusText() {
		return status.getText();
	}

	/** For tests: chooses the project to scan, as a user would. */
	public void choose(IProject project) {
		projectCombo.select(projects.indexOf(project));
		scanSelected();
	}
}
