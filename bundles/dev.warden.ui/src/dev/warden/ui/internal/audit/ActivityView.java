package dev.warden.ui.internal.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditFilter;
import dev.warden.core.audit.AuditReader;
import dev.warden.core.operations.WardenJobs;
import dev.warden.ui.internal.UI;
import dev.warden.ui.internal.WardenServices;

/**
 * Agent Activity: everything the agent did or was refused, from the audit trail, newest first, with a filter and
 * export.
 */
public final class ActivityView extends ViewPart {

	public static final String ID = "dev.warden.ui.views.activity"; //$NON-NLS-1$
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss") //$NON-NLS-1$
			.withZone(ZoneId.systemDefault());
	private static final String[] KINDS = { "", "command", "file.list", "file.read", "file.search", "file.write", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			"file.delete", "url.fetch", "approval", "question" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

	private Text filterText;
	private Combo kind;
	private Label status;
	private TableViewer table;
	private List<AuditEvent> shown = List.of();
	private Path directory;

	@Override
	public void createPartControl(Composite parent) {
		directory = WardenServices.state().auditDirectory();
		GridLayoutFactory.fillDefaults().margins(4, 4).numColumns(4).applyTo(parent);
		new Label(parent, SWT.NONE).setText(AuditMessages.Activity_filter);
		filterText = new Text(parent, SWT.BORDER | SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
		filterText.setMessage(AuditMessages.Activity_filterHint);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(filterText);
		filterText.addListener(SWT.Modify, e -> reload());
		kind = new Combo(parent, SWT.READ_ONLY);
		for (String each : KINDS) {
			kind.add(each.isEmpty() ? AuditMessages.Activity_allKinds : each);
		}
		kind.select(0);
		kind.addListener(SWT.Selection, e -> reload());
		status = new Label(parent, SWT.NONE);
		GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(status);

		Composite tableArea = new Composite(parent, SWT.NONE);
		GridDataFactory.fillDefaults().span(4, 1).grab(true, true).applyTo(tableArea);
		TableColumnLayout layout = new TableColumnLayout();
		tableArea.setLayout(layout);
		table = new TableViewer(tableArea, SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
		table.getTable().setHeaderVisible(true);
		table.getTable().setLinesVisible(true);
		table.setContentProvider(ArrayContentProvider.getInstance());
		column(layout, AuditMessages.Activity_time, 14, e -> TIME.format(e.time()));
		column(layout, AuditMessages.Activity_kind, 8, AuditEvent::kind);
		column(layout, AuditMessages.Activity_verdict, 8, AuditEvent::verdict);
		column(layout, AuditMessages.Activity_subject, 30, AuditEvent::subject);
		column(layout, AuditMessages.Activity_detail, 30, AuditEvent::detail);
		column(layout, AuditMessages.Activity_actor, 6, AuditEvent::actor);
		column(layout, AuditMessages.Activity_session, 8, AuditEvent::sessionId);

		Action refresh = new Action(AuditMessages.Activity_refresh) {
			@Override
			public void run() {
				reload();
			}
		};
		Action export = new Action(AuditMessages.Activity_export) {
			@Override
			public void run() {
				export();
			}
		};
		getViewSite().getActionBars().getToolBarManager().add(refresh);
		getViewSite().getActionBars().getToolBarManager().add(export);
		reload();
	}

	private void column(TableColumnLayout layout, String title, int weight, Function<AuditEvent, String> text) {
		TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
		column.getColumn().setText(title);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((AuditEvent) element);
			}
		});
		layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, 60));
	}

	private AuditFilter filter() {
		String selectedKind = KINDS[Math.max(0, kind.getSelectionIndex())];
		String text = filterText.getText().strip();
		return new AuditFilter(null, selectedKind.isEmpty() ? null : selectedKind, null, text.isEmpty() ? null : text,
				null, null);
	}

	/** Reads the audit trail again, off the UI thread. */
	public void reload() {
		AuditFilter filter = filter();
		WardenJobs.scheduleSystem(AuditMessages.Activity_reading, monitor -> {
			try {
				AuditReader.Result result = AuditReader.read(directory, filter::test, 100);
				List<AuditEvent> newestFirst = result.events().reversed();
				UI.runOnUIThread(table.getControl(), () -> show(newestFirst, result.unreadable()));
			} catch (IOException e) {
				UI.runOnUIThread(table.getControl(), () -> status.setText(AuditMessages.Activity_readFailed));
				throw new CoreException(Status.error(AuditMessages.Activity_readFailed, e));
			}
		});
	}

	private void show(List<AuditEvent> events, int unreadable) {
		shown = events;
		table.setInput(events);
		status.setText(unreadable == 0 ? NLS.bind(AuditMessages.Activity_count, events.size())
				: NLS.bind(AuditMessages.Activity_countUnreadable, events.size(), unreadable));
	}

	private void export() {
		FileDialog dialog = new FileDialog(getSite().getShell(), SWT.SAVE);
		dialog.setFilterExtensions(new String[] { "*.jsonl", "*.csv" }); //$NON-NLS-1$ //$NON-NLS-2$
		dialog.setFileName("warden-activity.jsonl"); //$NON-NLS-1$
		dialog.setOverwrite(true);
		String file = dialog.open();
		if (file != null) {
			exportTo(Path.of(file));
		}
	}

	/** Writes what the view shows: JSON lines, or CSV when the file name ends in {@code .csv}. */
	public void exportTo(Path file) {
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			if (file.getFileName().toString().endsWith(".csv")) { //$NON-NLS-1$
				AuditReader.exportCsv(shown, out);
			} else {
				AuditReader.exportJsonLines(shown, out);
			}
		} catch (IOException e) {
			ILog.of(getClass()).log(Status.error(NLS.bind(AuditMessages.Activity_exportFailed, file), e));
			status.setText(NLS.bind(AuditMessages.Activity_exportFailed, file));
		}
	}

	/** For tests: sets the filter as a user would type it. */
	public void setFilter(String text, String kindName) {
		kind.select(java.util.Arrays.asList(KINDS).indexOf(kindName == null ? "" : kindName)); //$NON-NLS-1$
		filterText.setText(text);
	}

	/** For tests: the events shown, newest first. */
	public List<AuditEvent> shownEvents() {
		return shown;
	}

	@Override
	public void setFocus() {
		table.getControl().setFocus();
	}
}
