package dev.warden.ui.internal.changes;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.eclipse.compare.CompareUI;
import org.eclipse.compare.IEncodedStreamContentAccessor;
import org.eclipse.compare.ITypedElement;
import org.eclipse.swt.graphics.Image;

/**
 * One side of a comparison: a version of a file held in memory (an original from the change journal, the agent's
 * proposal, the current content), with the file's name and encoding so that the compare viewers pick the right
 * viewer and decode it as the file is decoded.
 */
final class CompareItem implements ITypedElement, IEncodedStreamContentAccessor {

	private final String name;
	private final byte[] content;
	private final String charset;
	private final String type;

	CompareItem(String name, byte[] content, String charset) {
		this(name, content, charset, typeOf(name));
	}

	/** @param type the compare type (a file extension), for a name that is not a file name */
	CompareItem(String name, byte[] content, String charset, String type) {
		this.name = name;
		this.content = content.clone();
		this.charset = charset;
		this.type = type;
	}

	static String typeOf(String name) {
		int dot = name.lastIndexOf('.');
		return dot < 0 || dot == name.length() - 1 ? ITypedElement.TEXT_TYPE : name.substring(dot + 1);
	}

	@Override
	public String getName() {
		return name;
	}

	@Override
	public Image getImage() {
		return CompareUI.getImage(getType());
	}

	@Override
	public String getType() {
		return type;
	}

	@Override
	public InputStream getContents() {
		return new ByteArrayInputStream(content);
	}

	@Override
	public String getCharset() {
		return charset;
	}

	byte[] content() {
		return content.clone();
	}
}
