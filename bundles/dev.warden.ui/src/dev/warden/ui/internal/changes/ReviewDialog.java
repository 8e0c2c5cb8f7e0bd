package dev.warden.ui.internal.changes;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.compare.CompareConfiguration;
import org.eclipse.compare.CompareUI;
import org.eclipse.compare.CompareViewerSwitchingPane;
import org.eclipse.compare.structuremergeviewer.DiffNode;
import org.eclipse.compare.structuremergeviewer.Differencer;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.warden.core.agent.Approval;
import dev.warden.core.agent.ToolInvocation;
import dev.warden.core.tools.ProposedChange;

/**
 * The Supervised review of the agent's proposed changes, in the manner of the refactoring preview: the files with
 * checkboxes on the left, the selected file's current text against the proposed one in the compare viewer on the
 * right, and an optional reason for the agent. <em>Apply Selected</em> approves the ticked files and rejects the
 * others; <em>Reject All</em> (or closing the dialog) rejects everything.
 */
public final class ReviewDialog extends TitleAreaDialog {

	private static final int REJECT_ID = IDialogConstants.CLIENT_ID + 1;

	private final ToolInvocation invocation;
	private final List<ProposedChange> changes;
	private final CompletableFuture<Approval> answer;
	private final CompareConfiguration configuration = new CompareConfiguration();
	private CheckboxTableViewer files;
	private CompareViewerSwitchingPane compare;
	private Text reason;
	private ProposedChange shown;

	ReviewDialog(Shell parent, ToolInvocation invocation, List<ProposedChange> changes,
			CompletableFuture<Approval> answer) {
		super(parent);
		this.invocation = invocation;
		this.changes = List.copyOf(changes);
		this.answer = answer;
		setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
		configuration.setLeftEditable(false);
		configuration.setRightEditable(false);
		configuration.setProperty(CompareConfiguration.MIRRORED, Boolean.FALSE);
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(ChangesMessages.Review_title);
	}

	@Override
	public void create() {
		super.create();
		files.getControl().setFocus();
	}

	@Override
	protected Point getInitialSize() {
		return new Point(1000, 680);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(ChangesMessages.Review_title);
		setMessage(NLS.bind(ChangesMessages.Review_message, summary()));
		Composite body = new Composite(area, SWT.NONE);
		GridLayoutFactory.swtDefaults().applyTo(body);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);

		SashForm sash = new SashForm(body, SWT.HORIZONTAL);
		GridDataFactory.fillDefaults().grab(true, true).hint(900, 420).applyTo(sash);
		Composite left = new Composite(sash, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(left);
		Label label = new Label(left, SWT.NONE);
		label.setText(ChangesMessages.Review_files);
		files = CheckboxTableViewer.newCheckList(left, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(files.getControl());
		files.setContentProvider(ArrayContentProvider.getInstance());
		files.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				ProposedChange change = (ProposedChange) element;
				return NLS.bind(change.isCreation() ? ChangesMessages.Review_created
						: change.isDeletion() ? ChangesMessages.Review_deleted : ChangesMessages.Review_modified,
						change.path());
			}

			@Override
			public Image getImage(Object element) {
				return CompareUI.getImage(CompareItem.typeOf(((ProposedChange) element).path()));
			}
		});
		files.setInput(changes);
		files.setAllChecked(true);
		files.addSelectionChangedListener(
				event -> show((ProposedChange) event.getStructuredSelection().getFirstElement()));

		compare = new CompareViewerSwitchingPane(sash, SWT.BORDER | SWT.FLAT) {
			@Override
			protected Viewer getViewer(Viewer oldViewer, Object input) {
				return CompareUI.findContentViewer(oldViewer, input, this, configuration);
			}
		};
		sash.setWeights(28, 72);

		Label reasonLabel = new Label(body, SWT.WRAP);
		reasonLabel.setText(ChangesMessages.Review_reason);
		GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(reasonLabel);
		reason = new Text(body, SWT.BORDER | SWT.SINGLE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(reason);

		if (!changes.isEmpty()) {
			files.setSelection(new StructuredSelection(changes.get(0)));
		}
		return area;
	}

	private String summary() {
		// one description for all (a command's changes: "Changed by the command: …"), or the call itself
		String description = changes.stream().map(ProposedChange::description).distinct().count() == 1
				? changes.get(0).description() : ""; //$NON-NLS-1$
		return description.isBlank() ? invocation.toolName() + ' ' + invocation.subject() : description;
	}

	private void show(ProposedChange change) {
		if (change == null || change == shown) {
			return;
		}
		shown = change;
		String name = change.path().substring(change.path().lastIndexOf('/') + 1);
		CompareItem before = change.isCreation() ? null : item(name, change.oldContent());
		CompareItem after = change.isDeletion() ? null : item(name, change.newContent());
		configuration.setLeftLabel(NLS.bind(ChangesMessages.Review_current, change.path()));
		configuration.setRightLabel(NLS.bind(ChangesMessages.Review_proposed, change.path()));
		int kind = change.isCreation() ? Differencer.ADDITION : change.isDeletion() ? Differencer.DELETION
				: Differencer.CHANGE;
		compare.setInput(new DiffNode(null, kind, null, before, after));
	}

	private static CompareItem item(String name, String text) {
		return new CompareItem(name, text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8.name());
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, ChangesMessages.Review_apply, true);
		createButton(parent, REJECT_ID, ChangesMessages.Review_reject, false);
	}

	@Override
	protected void buttonPressed(int buttonId) {
		if (buttonId == IDialogConstants.OK_ID) {
			applySelected();
		} else if (buttonId == REJECT_ID) {
			rejectAll();
		} else {
			super.buttonPressed(buttonId);
		}
	}

	/** For tests, and the Apply Selected button: approves the ticked files, rejects the others, closes. */
	public void applySelected() {
		answer.complete(Approval.only(checkedPaths(), reason.getText().strip()));
		close();
	}

	/** For tests, and the Reject All button: rejects every file with the reason given, closes. */
	public void rejectAll() {
		answer.complete(Approval.reject(reason.getText().strip()));
		close();
	}

	/** For tests: ticks or unticks the file {@code path}. */
	public void setChecked(String path, boolean checked) {
		files.setChecked(change(path), checked);
	}

	/** For tests: shows the file {@code path} in the compare viewer. */
	public void select(String path) {
		files.setSelection(new StructuredSelection(change(path)));
	}

	/** For tests: the comparison shown. */
	public Object shownInput() {
		return compare.getInput();
	}

	/** For tests: types the reason. */
	public void setReason(String text) {
		reason.setText(text);
	}

	/** The paths of the ticked files. */
	public Set<String> checkedPaths() {
		Set<String> paths = new LinkedHashSet<>();
		for (Object element : files.getCheckedElements()) {
			paths.add(((ProposedChange) element).path());
		}
		return paths;
	}

	private ProposedChange change(String path) {
		return changes.stream().filter(c -> c.path().equals(path)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Not under review: " + path)); //$NON-NLS-1$
	}

	void closeQuietly() {
		if (getShell() != null && !getShell().isDisposed()) {
			close();
		}
	}

	@Override
	public boolean close() {
		answer.complete(Approval.reject(ChangesMessages.Review_closed));
		boolean closed = super.close();
		configuration.dispose();
		return closed;
	}
}
