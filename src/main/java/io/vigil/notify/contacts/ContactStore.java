package io.vigil.notify.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.alert.Severity;
import io.vigil.store.Jdbc;
import io.vigil.web.InvalidFieldException;

/** Contacts in Vigil's database. Blocking JDBC: call it on worker threads. */
@ApplicationScoped
public class ContactStore {

    private static final String COLUMNS = "id, name, email, min_severity";

    private final Jdbc jdbc;

    public ContactStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<Contact> all() {
        return jdbc.query("read contacts", "SELECT " + COLUMNS + " FROM contact ORDER BY name, email", Jdbc.NO_PARAMETERS,
                ContactStore::read);
    }

    public Optional<Contact> get(String id) {
        return jdbc.queryOne("read the contact", "SELECT " + COLUMNS + " FROM contact WHERE id = ?", s -> s.setString(1, id),
                ContactStore::read);
    }

    /** The addresses of the contacts that take alerts of this severity. */
    public List<String> emailsFor(Severity severity) {
        return all().stream().filter(c -> severity.atLeast(c.minSeverity())).map(Contact::email).toList();
    }

    /** @throws InvalidFieldException when another contact has the address */
    public Contact create(Contact contact) {
        Contact stored = new Contact(UUID.randomUUID().toString(), contact.name(), contact.email(), contact.minSeverity());
        write("INSERT INTO contact (name, email, min_severity, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?)", stored,
                true);
        return stored;
    }

    /** @return empty when there is no such contact */
    public Optional<Contact> update(String id, Contact contact) {
        Contact stored = new Contact(id, contact.name(), contact.email(), contact.minSeverity());
        return write("UPDATE contact SET name = ?, email = ?, min_severity = ?, updated_at = ? WHERE id = ?", stored, false) == 0
                ? Optional.empty()
                : Optional.of(stored);
    }

    public boolean delete(String id) {
        return jdbc.update("delete the contact", "DELETE FROM contact WHERE id = ?", s -> s.setString(1, id)) > 0;
    }

    private int write(String sql, Contact contact, boolean insert) {
        try {
            return jdbc.update("store the contact", sql, s -> {
                var now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
                int i = 1;
                s.setString(i++, contact.name());
                s.setString(i++, contact.email());
                s.setString(i++, contact.minSeverity().label());
                if (insert) {
                    s.setObject(i++, now);
                }
                s.setObject(i++, now);
                s.setString(i, contact.id());
            });
        } catch (IllegalStateException e) {
            // A unique key refused it (SQL state class 23): the address is taken.
            if (e.getCause() instanceof SQLException refused && refused.getSQLState() != null
                    && refused.getSQLState().startsWith("23")) {
                throw new InvalidFieldException("email", "another contact already has '" + contact.email() + "'");
            }
            throw e;
        }
    }

    private static Contact read(ResultSet rs) throws SQLException {
        return new Contact(rs.getString(1), rs.getString(2), rs.getString(3), Severity.parse(rs.getString(4)));
    }
}
