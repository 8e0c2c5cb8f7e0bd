package dev.warden.core.internal.changes;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.changes.BlobStore;
import dev.warden.core.changes.ChangeSession;
import dev.warden.core.changes.ChangeStore;
import dev.warden.core.changes.PruneReport;
import dev.warden.core.changes.RetentionPolicy;
import dev.warden.core.changes.SessionInfo;

/**
 * A {@link ChangeStore} in a state directory: {@code sessions/<id>.jsonl} journals, a {@code blobs/} contents store,
 * and {@code store.lock}, locked while the store is open so that a second process cannot use the directory.
 */
public final class JournalChangeStore implements ChangeStore {

	private static final String JOURNAL_SUFFIX = ".jsonl";
	private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
			.withZone(ZoneOffset.UTC);

	private final Path sessionsFolder;
	private final FileChannel lockChannel;
	private final FileLock lock;
	private final StoreContext context;
	private final ReentrantReadWriteLock pruning = new ReentrantReadWriteLock();
	/**
	 * The sessions in use, held weakly: a session nobody refers to any more (a chat the IDE no longer shows, whose
	 * changes no undo history holds) is let go, and pruning may then remove its journal; while anyone holds it, it is
	 * here, so that a chat never has two sessions appending to one journal.
	 */
	private final Map<String, WeakReference<JournalChangeSession>> open = new LinkedHashMap<>();
	private final BlobSweeper sweeper;

	private JournalChangeStore(Path sessionsFolder, FileBlobStore blobs, FileChannel lockChannel, FileLock lock,
			AuditLog audit, Clock clock) {
		this.sessionsFolder = sessionsFolder;
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.context = new StoreContext(blobs, new JournalCodec(), clock, audit, pruning.readLock());
		this.sweeper = new BlobSweeper(blobs, context.codec());
	}

	/** Opens the store in {@code stateDirectory}, stamping records with the system clock. */
	public static JournalChangeStore open(Path stateDirectory, AuditLog audit) throws IOException {
		return open(stateDirectory, audit, Clock.systemUTC());
	}

	/** Opens the store in {@code stateDirectory}, stamping records with {@code clock}. */
	public static JournalChangeStore open(Path stateDirectory, AuditLog audit, Clock clock) throws IOException {
		Objects.requireNonNull(audit, "audit");
		Objects.requireNonNull(clock, "clock");
		Path root = stateDirectory.toAbsolutePath().normalize();
		Path sessions = root.resolve("sessions");
		Durability.createFolders(sessions);
		FileBlobStore blobs = new FileBlobStore(root.resolve("blobs"));
		FileChannel channel = FileChannel.open(root.resolve("store.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		} catch (OverlappingFileLockException e) {
			channel.close();
			throw new IOException("The change store in " + root + " is open already in this process", e);
		} catch (IOException e) {
			channel.close();
			throw e;
		}
		if (lock == null) {
			channel.close();
			throw new IOException("The change store in " + root + " is in use by another process");
		}
		return new JournalChangeStore(sessions, blobs, channel, lock, audit, clock);
	}

	@Override
	public ChangeSession createSession(String title) throws IOException {
		byte[] random = new byte[4];
		ThreadLocalRandom.current().nextBytes(random);
		String id = ID_TIME.format(context.clock().instant()) + "-" + HexFormat.of().formatHex(random);
		return openSession(id, title);
	}

	@Override
	public ChangeSession openSession(String sessionId, String title) throws IOException {
		if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
			throw new IllegalArgumentException(
					"A session id is 1 to 100 letters, digits, '.', '_' or '-': '" + sessionId + "'");
		}
		synchronized (open) {
			ensureOpen();
			open.values().removeIf(reference -> reference.get() == null);
			WeakReference<JournalChangeSession> reference = open.get(sessionId);
			JournalChangeSession session = reference == null ? null : reference.get();
			if (session == null) {
				session = JournalChangeSession.open(sessionId, title, journalOf(sessionId), context);
				open.put(sessionId, new WeakReference<>(session));
			}
			return session;
		}
	}

	@Override
	public List<SessionInfo> sessions() throws IOException {
		List<SessionInfo> sessions = new ArrayList<>();
		try (DirectoryStream<Path> journals = Files.newDirectoryStream(sessionsFolder, "*" + JOURNAL_SUFFIX)) {
			for (Path journal : journals) {
				sessions.add(infoOf(journal));
			}
		}
		sessions.sort(Comparator.comparing(SessionInfo::lastActivity).reversed());
		return sessions;
	}

	private SessionInfo infoOf(Path journal) throws IOException {
		String name = journal.getFileName().toString();
		String id = name.substring(0, name.length() - JOURNAL_SUFFIX.length());
		Instant modified = Files.getLastModifiedTime(journal).toInstant();
		Optional<JournalRecord> first = Optional.empty();
		try (BufferedReader reader = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
			String line = reader.readLine();
			if (line != null) {
				first = context.codec().decode(line).filter(r -> JournalRecord.SESSION.equals(r.type()));
			}
		}
		Instant started = modified;
		String title = "";
		if (first.isPresent()) {
			title = first.get().title();
			try {
				started = Instant.parse(first.get().time());
			} catch (DateTimeParseException e) {
				started = modified; // an unreadable start time: the journal's own date stands in
			}
		}
		return new SessionInfo(id, title, started, modified);
	}

	@Override
	public PruneReport prune(RetentionPolicy policy) throws IOException {
		pruning.writeLock().lock();
		try {
			synchronized (open) {
				ensureOpen();
				open.values().removeIf(reference -> reference.get() == null);
				Instant cutoff = context.clock().instant().minus(policy.keepFor());
				List<SessionInfo> sessions = sessions();
				List<String> removed = new ArrayList<>();
				for (int i = 0; i < sessions.size(); i++) {
					SessionInfo session = sessions.get(i);
					boolean keep = i < policy.keepNewest() || session.lastActivity().isAfter(cutoff)
							|| open.containsKey(session.id());
					if (!keep) {
						Files.deleteIfExists(journalOf(session.id()));
						removed.add(session.id());
					}
				}
				if (!removed.isEmpty()) {
					Durability.syncFolder(sessionsFolder);
				}
				BlobSweeper.Swept swept = sweeper.sweep(journals());
				PruneReport report = new PruneReport(removed, swept.blobs(), swept.bytes());
				context.audit().record(new AuditEvent(context.clock().instant(), null, "changes.prune",
						sessionsFolder.toString(), "DONE", removed.size() + " sessions, " + swept.blobs()
								+ " contents, " + swept.bytes() + " bytes removed",
						"policy"));
				return report;
			}
		} finally {
			pruning.writeLock().unlock();
		}
	}

	private List<Path> journals() throws IOException {
		List<Path> journals = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(sessionsFolder, "*" + JOURNAL_SUFFIX)) {
			stream.forEach(journals::add);
		}
		return journals;
	}

	@Override
	public BlobStore blobs() {
		return context.blobs();
	}

	private Path journalOf(String sessionId) {
		return sessionsFolder.resolve(sessionId + JOURNAL_SUFFIX);
	}

	private void ensureOpen() {
		if (!lock.isValid()) {
			throw new IllegalStateException("The change store is closed");
		}
	}

	@Override
	public void close() throws IOException {
		synchronized (open) {
			IOException failure = null;
			for (WeakReference<JournalChangeSession> reference : open.values()) {
				JournalChangeSession session = reference.get();
				if (session == null) {
					continue;
				}
				try {
					session.close();
				} catch (IOException e) {
					if (failure == null) {
						failure = e;
					} else {
						failure.addSuppressed(e);
					}
				}
			}
			open.clear();
			if (lock.isValid()) {
				lock.release();
			}
			lockChannel.close();
			if (failure != null) {
				throw failure;
			}
		}
	}
}
