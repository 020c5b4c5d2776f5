package io.vigil.notify.contacts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.vigil.alert.Severity;
import io.vigil.store.VigilDatabase;
import io.vigil.web.InvalidFieldException;

/** Contacts in Vigil's database. Blocking JDBC: call it on worker threads. */
@ApplicationScoped
public class ContactStore {

    private final VigilDatabase database;

    public ContactStore(VigilDatabase database) {
        this.database = database;
    }

    public List<Contact> all() {
        return query("SELECT id, name, email, min_severity FROM contact ORDER BY name, email", null);
    }

    public Optional<Contact> get(String id) {
        return query("SELECT id, name, email, min_severity FROM contact WHERE id = ?", id).stream().findFirst();
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
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement("DELETE FROM contact WHERE id = ?")) {
            s.setString(1, id);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the contact: " + e.getMessage(), e);
        }
    }

    private int write(String sql, Contact contact, boolean insert) {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
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
            return s.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new InvalidFieldException("email", "another contact already has '" + contact.email() + "'");
            }
            throw new IllegalStateException("cannot store the contact: " + e.getMessage(), e);
        }
    }

    private List<Contact> query(String sql, String id) {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setString(1, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Contact> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Contact(rs.getString(1), rs.getString(2), rs.getString(3), Severity.parse(rs.getString(4))));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read contacts: " + e.getMessage(), e);
        }
    }
}
