package dev.warden.ui.internal.protect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import dev.warden.core.protect.RemovedVariable;
import dev.warden.core.protect.ScrubbedEnvironment;

/**
 * The effective environment of a command, side by side: the names passed on, and the names left out with the rule
 * that removed them. Only names are ever shown; the values in the {@link ScrubbedEnvironment} are not read.
 */
public final class EnvironmentPreview {

	private final Composite control;
	private final Label keptLabel;
	private final Table kept;
	private final Label removedLabel;
	private final Table removed;

	public EnvironmentPreview(Composite parent) {
		control = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(false).applyTo(control);
		keptLabel = new Label(control, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(keptLabel);
		removedLabel = new Label(control, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(removedLabel);

		kept = new Table(control, SWT.BORDER | SWT.V_SCROLL | SWT.FULL_SELECTION);
		kept.setHeaderVisible(true);
		new TableColumn(kept, SWT.NONE).setText(ProtectMessages.EnvTab_name);
		GridDataFactory.fillDefaults().grab(true, true).hint(200, 90).applyTo(kept);

		removed = new Table(control, SWT.BORDER | SWT.V_SCROLL | SWT.FULL_SELECTION);
		removed.setHeaderVisible(true);
		new TableColumn(removed, SWT.NONE).setText(ProtectMessages.EnvTab_name);
		new TableColumn(removed, SWT.NONE).setText(ProtectMessages.EnvTab_reason);
		GridDataFactory.fillDefaults().grab(true, true).hint(320, 90).applyTo(removed);
		show(new ScrubbedEnvironment(new TreeMap<>(), List.of()));
	}

	public Composite getControl() {
		return control;
	}

	/** Shows the names of {@code scrubbed}: those passed on, and those left out with their reasons. */
	public void show(ScrubbedEnvironment scrubbed) {
		List<String> names = scrubbed.names();
		kept.setRedraw(false);
		removed.setRedraw(false);
		try {
			kept.removeAll();
			for (String name : names) {
				new TableItem(kept, SWT.NONE).setText(name);
			}
			removed.removeAll();
			for (RemovedVariable variable : scrubbed.removed()) {
				new TableItem(removed, SWT.NONE).setText(new String[] { variable.name(), variable.reason() });
			}
			Arrays.stream(kept.getColumns()).forEach(TableColumn::pack);
			Arrays.stream(removed.getColumns()).forEach(TableColumn::pack);
		} finally {
			kept.setRedraw(true);
			removed.setRedraw(true);
		}
		keptLabel.setText(NLS.bind(ProtectMessages.EnvTab_kept, names.size()));
		removedLabel.setText(NLS.bind(ProtectMessages.EnvTab_removed, scrubbed.removed().size()));
	}

	/** For tests: the names shown as passed on. */
	public List<String> keptNames() {
		return Arrays.stream(kept.getItems()).map(item -> item.getText(0)).toList();
	}

	/** For tests: the variables shown as left out, name and reason as displayed. */
	public List<RemovedVariable> removedShown() {
		return Arrays.stream(removed.getItems()).map(item -> new RemovedVariable(item.getText(0), item.getText(1)))
				.toList();
	}

	/** For tests: every piece of text the preview displays (labels, cells, column headers, tool tips). */
	public List<String> allText() {
		List<String> text = new ArrayList<>();
		text.add(keptLabel.getText());
		text.add(removedLabel.getText());
		for (Table table : List.of(kept, removed)) {
			if (table.getToolTipText() != null) {
				text.add(table.getToolTipText());
			}
			for (TableColumn column : table.getColumns()) {
				text.add(column.getText());
			}
			for (TableItem item : table.getItems()) {
				for (int i = 0; i < table.getColumnCount(); i++) {
					text.add(item.getText(i));
				}
			}
		}
		return text;
	}
}
