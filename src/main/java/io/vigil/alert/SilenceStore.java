package io.vigil.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.vigil.log.LogSafe;
import io.vigil.store.Jdbc;

/** Silences in Vigil's database. Blocking JDBC. */
@ApplicationScoped
public class SilenceStore {

    private static final Logger LOG = Logger.getLogger(SilenceStore.class);
    private static final TypeReference<List<Matcher>> MATCHERS = new TypeReference<>() {
    };

    private final Jdbc jdbc;
    private final ObjectMapper json;
    /** Ids already warned about, so a bad row is logged once, not at every read. */
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    public SilenceStore(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Silence s) {
        String matchers;
        try {
            matchers = json.writeValueAsString(s.matchers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store silence: " + e.getMessage(), e);
        }
        jdbc.update("store silence", "INSERT INTO silence (id, matchers, starts_at, ends_at, created_by, comment, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", p -> {
                    p.setString(1, s.id());
                    p.setString(2, matchers);
                    p.setTimestamp(3, Timestamp.from(s.startsAt()));
                    p.setTimestamp(4, Timestamp.from(s.endsAt()));
                    p.setString(5, s.createdBy());
                    p.setString(6, s.comment());
                    p.setTimestamp(7, Timestamp.from(s.createdAt()));
                });
    }

    /** Ends a silence now; it stays listed as expired. */
    public boolean expire(String id, Instant now) {
        return jdbc.update("expire silence " + id, "UPDATE silence SET ends_at = ? WHERE id = ? AND ends_at > ?", p -> {
            p.setTimestamp(1, Timestamp.from(now));
            p.setString(2, id);
            p.setTimestamp(3, Timestamp.from(now));
        }) > 0;
    }

    /**
     * A silence as stored. One that cannot be read (written before matchers were RE2, or edited by hand) has no
     * matchers and an {@code error}; it mutes nothing, since a silence without matchers would match every alert.
     */
    public record StoredSilence(Silence silence, String error) {

        public boolean valid() {
            return error == null;
        }
    }

    /** The silences that mute: every stored one that can be read. */
    public List<Silence> all() {
        return listing().stream().filter(StoredSilence::valid).map(StoredSilence::silence).toList();
    }

    /** Every stored silence, newest first, those that cannot be read with the reason. */
    public List<StoredSilence> listing() {
        return jdbc.query("read silences", "SELECT id, matchers, starts_at, ends_at, created_by, comment, created_at"
                + " FROM silence ORDER BY created_at DESC", Jdbc.NO_PARAMETERS, this::read);
    }

    private StoredSilence read(ResultSet rows) throws SQLException {
        List<Matcher> matchers = List.of();
        String error = null;
        try {
            matchers = json.readValue(rows.getString(2), MATCHERS);
            if (matchers.isEmpty() || matchers.contains(null)) {
                error = "no matchers";
            }
        } catch (JsonProcessingException e) {
            // One such silence must not stop every other one, nor the alert engine that reads them at start.
            error = e instanceof ValueInstantiationException v ? v.getOriginalMessage() : "matchers: " + e.getOriginalMessage();
        }
        String id = rows.getString(1);
        if (error != null) {
            matchers = List.of();
            if (unreadable.add(id)) {
                LOG.warnf("Silence %s cannot be read and mutes nothing: %s", LogSafe.escape(id), LogSafe.escape(error));
            }
        }
        return new StoredSilence(new Silence(id, matchers, rows.getTimestamp(3).toInstant(), rows.getTimestamp(4).toInstant(),
                rows.getString(5), rows.getString(6), rows.getTimestamp(7).toInstant()), error);
    }
}
