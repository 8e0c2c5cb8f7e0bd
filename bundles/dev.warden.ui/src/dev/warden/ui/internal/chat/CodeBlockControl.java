package dev.warden.ui.internal.chat;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;


/** A code block of an answer: monospace, scrolls sideways, with Copy and Insert at cursor. */
final class CodeBlockControl {

	private final Composite control;
	private final Label language;
	private final StyledText code;

	CodeBlockControl(Composite parent) {
		control = new Composite(parent, SWT.BORDER);
		GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 2).spacing(4, 2).applyTo(control);
		language = new Label(control, SWT.NONE);
		language.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
		GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(language);
		ToolBar actions = new ToolBar(control, SWT.FLAT | SWT.RIGHT);
		ToolItem copy = new ToolItem(actions, SWT.PUSH);
		copy.setText(ChatMessages.Chat_copy);
		copy.addListener(SWT.Selection, e -> copy());
		ToolItem insert = new ToolItem(actions, SWT.PUSH);
		insert.setText(ChatMessages.Chat_insertAtCursor);
		insert.setToolTipText(ChatMessages.Chat_insertAtCursorTooltip);
		insert.addListener(SWT.Selection, e -> insertAtCursor());
		code = new StyledText(control, SWT.READ_ONLY | SWT.H_SCROLL);
		code.setFont(JFaceResources.getTextFont());
		code.setAlwaysShowScrollBars(false);
		code.setMargins(4, 2, 4, 2);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(100, SWT.DEFAULT).applyTo(code);
	}

	Composite control() {
		return control;
	}

	void show(RichText.CodeBlock block) {
		String label = block.language().isEmpty() ? ChatMessages.Chat_code : block.language();
		if (!label.equals(language.getText())) {
			language.setText(label);
		}
		if (!block.code().equals(code.getText())) {
			code.setText(block.code());
		}
	}

	String code() {
		return code.getText();
	}

	private void copy() {
		Clipboard clipboard = new Clipboard(control.getDisplay());
		try {
			clipboard.setContents(new Object[] { code.getText() }, new Transfer[] { TextTransfer.getInstance() });
		} finally {
			clipboard.dispose();
		}
	}

	/** Replaces the selection of the active text editor with the code; the editor's own undo takes it back. */
	private void insertAtCursor() {
		IEditorPart editor = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().getActiveEditor();
		ITextEditor textEditor = editor == null ? null : editor.getAdapter(ITextEditor.class);
		if (textEditor == null || !textEditor.isEditable()) {
			control.getDisplay().beep();
			return;
		}
		IDocument document = textEditor.getDocumentProvider().getDocument(textEditor.getEditorInput());
		if (textEditor.getSelectionProvider().getSelection() instanceof ITextSelection selection) {
			try {
				document.replace(selection.getOffset(), selection.getLength(), code.getText());
				textEditor.selectAndReveal(selection.getOffset() + code.getText().length(), 0);
			} catch (BadLocationException e) {
				control.getDisplay().beep();
			}
		}
	}
}
