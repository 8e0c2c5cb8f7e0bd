package dev.warden.ui.internal.changes;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.compare.CompareConfiguration;
import org.eclipse.compare.CompareUI;
import org.eclipse.compare.CompareViewerSwitchingPane;
import org.eclipse.compare.ITypedElement;
import org.eclipse.compare.internal.ICompareUIConstants;
import org.eclipse.compare.structuremergeviewer.DiffNode;
import org.eclipse.compare.structuremergeviewer.Differencer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
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
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;

import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ConflictDecision;
import dev.warden.core.changes.FileRestore;
import dev.warden.core.changes.FileState;
import dev.warden.ui.internal.changes.ChatChanges.RestoreRequest;

/**
 * Asks before a revert or restore: names the editors with unsaved text first, lists what will happen to each file,
 * and for each file changed after the agent (a conflict) shows the three versions — the original, the agent's and the
 * current one — in a three-way compare and takes the user's decision: keep mine, take the restore, or skip. Nothing
 * is restored until the user presses the button; conflicts default to <em>skip</em>.
 */
public final class RestoreDialog extends TitleAreaDialog {

	private static final ConflictDecision[] DECISIONS = { ConflictDecision.SKIP, ConflictDecision.KEEP_MINE,
			ConflictDecision.TAKE_RESTORE };

	private final ChangeSession session;
	private final RestoreRequest request;
	private final Consumer<Map<String, ConflictDecision>> onRestore;
	private final Runnable onCancel;
	private final Map<String, ConflictDecision> decisions = new HashMap<>();
	private final CompareConfiguration configuration = new CompareConfiguration();
	private TableViewer table;
	private CompareViewerSwitchingPane compare;
	private boolean answered;

	RestoreDialog(Shell parent, ChangeSession session, RestoreRequest request,
			Consumer<Map<String, ConflictDecision>> onRestore, Runnable onCancel) {
		super(parent);
		this.session = session;
		this.request = request;
		this.onRestore = onRestore;
		this.onCancel = onCancel;
		setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
		configuration.setLeftEditable(false);
		configuration.setRightEditable(false);
		configuration.setProperty(CompareConfiguration.MIRRORED, Boolean.FALSE);
		for (FileRestore file : request.plan().conflicts()) {
			decisions.put(file.path(), ConflictDecision.SKIP);
		}
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(request.title());
	}

	@Override
	public void create() {
		super.create();
		table.getControl().setFocus();
	}

	@Override
	protected Point getInitialSize() {
		return new Point(1000, 760);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		setTitle(request.title());
		setMessage(NLS.bind(ChangesMessages.Restore_message, request.when()));
		Composite body = new Composite(area, SWT.NONE);
		GridLayoutFactory.swtDefaults().applyTo(body);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		if (!request.unsavedEditors().isEmpty()) {
			warning(body, NLS.bind(ChangesMessages.Restore_unsaved, String.join(", ", request.unsavedEditors()))); //$NON-NLS-1$
			setMessage(getMessage(), IMessageProvider.WARNING);
		}
		List<FileRestore> conflicts = request.plan().conflicts();
		if (!conflicts.isEmpty()) {
			warning(body, NLS.bind(ChangesMessages.Restore_conflicts, conflicts.size()));
		}

		SashForm sash = new SashForm(body, SWT.VERTICAL);
		GridDataFactory.fillDefaults().grab(true, true).hint(900, 520).applyTo(sash);
		table = new TableViewer(sash, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
		table.getTable().setHeaderVisible(true);
		table.getTable().setLinesVisible(true);
		table.setContentProvider(ArrayContentProvider.getInstance());
		column(ChangesMessages.Restore_file, 420, FileRestore::path, null);
		column(ChangesMessages.Restore_action, 260, f -> action(f.action()), null);
		TableViewerColumn decision = column(ChangesMessages.Restore_decision, 180,
				f -> f.isConflict() ? label(decisions.get(f.path())) : "", null); //$NON-NLS-1$
		decision.setEditingSupport(new DecisionEditing(table));
		table.setInput(request.plan().files().stream().filter(f -> f.action() != FileRestore.Action.NONE).toList());
		table.addSelectionChangedListener(e -> show((FileRestore) e.getStructuredSelection().getFirstElement()));

		compare = new CompareViewerSwitchingPane(sash, SWT.BORDER | SWT.FLAT) {
			@Override
			protected Viewer getViewer(Viewer oldViewer, Object input) {
				return CompareUI.findContentViewer(oldViewer, input, this, configuration);
			}
		};
		sash.setWeights(35, 65);
		FileRestore first = conflicts.isEmpty() ? (FileRestore) table.getElementAt(0) : conflicts.get(0);
		if (first != null) {
			table.setSelection(new StructuredSelection(first));
		}
		return area;
	}

	private static void warning(Composite parent, String text) {
		Composite row = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(row);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
		Label icon = new Label(row, SWT.NONE);
		icon.setImage(PlatformUI.getWorkbench().getSharedImages().getImage(ISharedImages.IMG_OBJS_WARN_TSK));
		GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(icon);
		Label label = new Label(row, SWT.WRAP);
		label.setText(text);
		GridDataFactory.fillDefaults().grab(true, false).hint(850, SWT.DEFAULT).applyTo(label);
	}

	private TableViewerColumn column(String title, int width, java.util.function.Function<FileRestore, String> text,
			Image image) {
		TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((FileRestore) element);
			}

			@Override
			public Image getImage(Object element) {
				FileRestore file = (FileRestore) element;
				if (image != null) {
					return image;
				}
				if (title.equals(ChangesMessages.Restore_file)) {
					return CompareUI.getImage(CompareItem.typeOf(file.path()));
				}
				return file.isConflict() && title.equals(ChangesMessages.Restore_action) ? PlatformUI.getWorkbench()
						.getSharedImages().getImage(ISharedImages.IMG_OBJS_WARN_TSK) : null;
			}
		});
		return column;
	}

	private static String action(FileRestore.Action action) {
		return switch (action) {
		case WRITE -> ChangesMessages.Restore_write;
		case DELETE -> ChangesMessages.Restore_delete;
		case CONFLICT -> ChangesMessages.Restore_conflict;
		case UNRECOVERABLE -> ChangesMessages.Restore_unrecoverable;
		case NONE -> ChangesMessages.Restore_none;
		};
	}

	private static String label(ConflictDecision decision) {
		return switch (decision) {
		case KEEP_MINE -> ChangesMessages.Restore_keepMine;
		case TAKE_RESTORE -> ChangesMessages.Restore_takeRestore;
		case SKIP -> ChangesMessages.Restore_skip;
		};
	}

	/** The decision column's combo, for conflicts only. */
	private final class DecisionEditing extends EditingSupport {

		private final ComboBoxCellEditor editor;

		DecisionEditing(TableViewer viewer) {
			super(viewer);
			String[] labels = new String[DECISIONS.length];
			for (int i = 0; i < labels.length; i++) {
				labels[i] = label(DECISIONS[i]);
			}
			editor = new ComboBoxCellEditor(viewer.getTable(), labels, SWT.READ_ONLY);
		}

		@Override
		protected CellEditor getCellEditor(Object element) {
			return editor;
		}

		@Override
		protected boolean canEdit(Object element) {
			return ((FileRestore) element).isConflict();
		}

		@Override
		protected Object getValue(Object element) {
			return List.of(DECISIONS).indexOf(decisions.get(((FileRestore) element).path()));
		}

		@Override
		protected void setValue(Object element, Object value) {
			int index = (Integer) value;
			if (index >= 0) {
				decide(((FileRestore) element).path(), DECISIONS[index]);
			}
		}
	}

	private void show(FileRestore file) {
		if (file == null) {
			return;
		}
		String name = file.path().substring(file.path().lastIndexOf('/') + 1);
		try {
			String charset = charset(file.path());
			byte[] current = new WorkspaceFileAccess().read(file.path()).orElse(null);
			ITypedElement mine = current == null ? null : new CompareItem(name, current, charset);
			ITypedElement target = version(file.target(), name, charset);
			if (file.isConflict()) {
				configuration.setProperty(ICompareUIConstants.PROP_ANCESTOR_VISIBLE, Boolean.TRUE);
				configuration.setAncestorLabel(ChangesMessages.Restore_original + ": " + file.path()); //$NON-NLS-1$
				configuration.setLeftLabel(ChangesMessages.Restore_yours + ": " + file.path()); //$NON-NLS-1$
				configuration.setRightLabel(ChangesMessages.Restore_agent + ": " + file.path()); //$NON-NLS-1$
				compare.setInput(new DiffNode(null, Differencer.CONFLICTING, target, mine,
						version(file.latest(), name, charset)));
			} else {
				configuration.setProperty(ICompareUIConstants.PROP_ANCESTOR_VISIBLE, Boolean.FALSE);
				configuration.setLeftLabel(ChangesMessages.Restore_yours + ": " + file.path()); //$NON-NLS-1$
				configuration.setRightLabel(ChangesMessages.Restore_target + ": " + file.path()); //$NON-NLS-1$
				int kind = mine == null ? Differencer.DELETION : target == null ? Differencer.ADDITION
						: Differencer.CHANGE;
				compare.setInput(new DiffNode(null, kind, null, mine, target));
			}
		} catch (IOException | CoreException e) {
			ILog.of(getClass()).warn("Could not show the versions of " + file.path(), e); //$NON-NLS-1$
			compare.setInput(null);
		}
	}

	private ITypedElement version(FileState state, String name, String charset) throws IOException {
		return state.isPresent() ? new CompareItem(name, session.content(state), charset) : null;
	}

	private static String charset(String path) throws CoreException {
		IFile file = new WorkspaceFileAccess().file(path);
		return file.exists() ? file.getCharset() : file.getParent().getDefaultCharset();
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, request.plan().target() != null
				&& request.plan().target().isSessionStart() ? ChangesMessages.Restore_revertButton
						: ChangesMessages.Restore_restoreButton, true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
	}

	@Override
	protected void okPressed() {
		confirm();
	}

	/** For tests, and the Revert/Restore button: closes and restores with the decisions taken. */
	public void confirm() {
		answered = true;
		Map<String, ConflictDecision> chosen = Map.copyOf(decisions);
		close();
		onRestore.accept(chosen);
	}

	/** For tests: decides what to do with the conflicting file {@code path}. */
	public void decide(String path, ConflictDecision decision) {
		if (!decisions.containsKey(path)) {
			throw new IllegalArgumentException("Not in conflict: " + path); //$NON-NLS-1$
		}
		decisions.put(path, decision);
		if (table != null && !table.getTable().isDisposed()) {
			table.refresh();
		}
	}

	/** For tests: shows {@code path} in the compare viewer. */
	public void select(String path) {
		request.plan().files().stream().filter(f -> f.path().equals(path)).findFirst()
				.ifPresent(f -> table.setSelection(new StructuredSelection(f), true));
	}

	/** For tests: the comparison shown. */
	public Object shownInput() {
		return compare.getInput();
	}

	/** The decisions taken so far, per conflicting path. */
	public Map<String, ConflictDecision> decisions() {
		return Map.copyOf(decisions);
	}

	/** The request the dialog asks about. */
	public RestoreRequest request() {
		return request;
	}

	@Override
	public boolean close() {
		boolean closed = super.close();
		configuration.dispose();
		if (!answered) {
			answered = true;
			onCancel.run();
		}
		return closed;
	}
}
