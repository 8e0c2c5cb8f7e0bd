package dev.warden.ui.internal.trust;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import dev.warden.core.trust.PatternValidation;

/**
 * An editable table of pattern rows (one trust pattern or deny rule a row, with what it does) and its Add…,
 * Edit… and Remove buttons; callers add more buttons under them. Adding or editing goes through a
 * {@link PatternDialog}, and a pattern that needs confirmation through a {@link PatternWarningDialog}. The rows
 * are a draft: nothing is stored here.
 */
public final class PatternTable {

	private final boolean allowDeny;
	private final Runnable onChange;
	private final List<String> rows = new ArrayList<>();
	private final Table table;
	private final Composite buttons;
	private final Button add;
	private final Button edit;
	private final Button remove;
	private boolean blockOnOpen = true;
	private Window openDialog;

	/**
	 * @param allowDeny whether the list takes {@code !} deny rules
	 * @param onChange  runs after each change of the rows
	 */
	public PatternTable(Composite parent, int heightInRows, boolean allowDeny, Runnable onChange) {
		this.allowDeny = allowDeny;
		this.onChange = onChange;
		Composite tableArea = new Composite(parent, SWT.NONE);
		TableColumnLayout columns = new TableColumnLayout();
		tableArea.setLayout(columns);
		table = new Table(tableArea, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		TableColumn pattern = new TableColumn(table, SWT.NONE);
		pattern.setText(TrustMessages.Table_pattern);
		columns.setColumnData(pattern, new ColumnWeightData(40, 120));
		TableColumn meaning = new TableColumn(table, SWT.NONE);
		meaning.setText(TrustMessages.Table_meaning);
		columns.setColumnData(meaning, new ColumnWeightData(60, 160));
		GridDataFactory.fillDefaults().grab(true, true)
				.hint(360, table.getItemHeight() * heightInRows + table.getHeaderHeight()).applyTo(tableArea);

		buttons = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().applyTo(buttons);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
		add = button(TrustMessages.Table_add);
		add.addListener(SWT.Selection, e -> pressAdd());
		edit = button(TrustMessages.Table_edit);
		edit.addListener(SWT.Selection, e -> pressEdit());
		remove = button(TrustMessages.Table_remove);
		remove.addListener(SWT.Selection, e -> pressRemove());
		table.addListener(SWT.Selection, e -> updateButtons());
		table.addListener(SWT.DefaultSelection, e -> pressEdit());
		table.addListener(SWT.KeyDown, e -> {
			if (e.keyCode == SWT.DEL) {
				pressRemove();
			}
		});
		updateButtons();
	}

	/** Adds a push button under Add…, Edit…, Remove. */
	public Button button(String label) {
		Button button = new Button(buttons, SWT.PUSH);
		button.setText(label);
		GridDataFactory.fillDefaults().hint(Math.max(100, button.computeSize(SWT.DEFAULT, SWT.DEFAULT).x), SWT.DEFAULT)
				.applyTo(button);
		return button;
	}

	/** The rows as shown, in order. */
	public List<String> rows() {
		return List.copyOf(rows);
	}

	/** Shows {@code newRows}; does not run the change callback. */
	public void setRows(List<String> newRows) {
		rows.clear();
		rows.addAll(newRows);
		refresh();
	}

	/** Adds the rows not in the table yet (compared in normal form); returns how many were added. */
	public int addRows(List<String> more) {
		int added = 0;
		for (String row : more) {
			if (!PatternLines.contains(rows, row)) {
				rows.add(row);
				added++;
			}
		}
		if (added > 0) {
			changed();
		}
		return added;
	}

	public void setEnabled(boolean enabled) {
		table.setEnabled(enabled);
		add.setEnabled(enabled);
		updateButtons();
	}

	/**
	 * For tests: whether dialogs open blocking (the default), or return at once so that a test can drive them
	 * through {@link #openDialog()}.
	 */
	public void setBlockOnOpen(boolean block) {
		this.blockOnOpen = block;
	}

	/** For tests: the dialog this table opened last, if it is still open. */
	public Window openDialog() {
		return openDialog != null && openDialog.getShell() != null && !openDialog.getShell().isDisposed() ? openDialog
				: null;
	}

	/** For tests: selects the row at {@code index}. */
	public void select(int index) {
		table.setSelection(index);
		updateButtons();
	}

	/** Presses Add…: opens the pattern dialog; the pattern is added once entered (and confirmed if need be). */
	public void pressAdd() {
		open(new PatternDialog(table.getShell(), TrustMessages.PatternDialog_addTitle, "", allowDeny, rows, //$NON-NLS-1$
				line -> offer(line, -1)));
	}

	/** Presses Edit…: opens the pattern dialog on the selected row. */
	public void pressEdit() {
		int index = table.getSelectionIndex();
		if (index < 0 || !table.isEnabled()) {
			return;
		}
		List<String> others = new ArrayList<>(rows);
		others.remove(index);
		open(new PatternDialog(table.getShell(), TrustMessages.PatternDialog_editTitle, rows.get(index), allowDeny,
				others, line -> offer(line, index)));
	}

	/** Presses Remove: removes the selected rows. */
	public void pressRemove() {
		int[] selected = table.getSelectionIndices();
		if (selected.length == 0 || !table.isEnabled()) {
			return;
		}
		for (int i = selected.length - 1; i >= 0; i--) {
			rows.remove(selected[i]);
		}
		changed();
	}

	/** Puts {@code line} at {@code index} (or at the end for -1) once the user has confirmed it if it needs that. */
	private void offer(String line, int index) {
		PatternValidation validation = PatternValidation.of(line);
		if (validation.needsConfirmation()) {
			open(new PatternWarningDialog(table.getShell(), validation, () -> put(line, index)));
		} else {
			put(line, index);
		}
	}

	private void put(String line, int index) {
		if (index < 0) {
			rows.add(line);
			changed();
			table.setSelection(rows.size() - 1);
		} else {
			rows.set(index, line);
			changed();
			table.setSelection(index);
		}
		updateButtons();
	}

	private void open(Window dialog) {
		dialog.setBlockOnOpen(blockOnOpen);
		openDialog = dialog;
		dialog.open();
	}

	private void changed() {
		refresh();
		onChange.run();
	}

	private void refresh() {
		table.removeAll();
		for (String row : rows) {
			TableItem item = new TableItem(table, SWT.NONE);
			item.setText(new String[] { row, PatternLines.meaning(row) });
			item.setFont(0, JFaceResources.getTextFont());
		}
		updateButtons();
	}

	private void updateButtons() {
		boolean enabled = table.isEnabled();
		edit.setEnabled(enabled && table.getSelectionCount() == 1);
		remove.setEnabled(enabled && table.getSelectionCount() > 0);
	}

	/** For tests and screenshots: the table. */
	public Table table() {
		return table;
	}
}
