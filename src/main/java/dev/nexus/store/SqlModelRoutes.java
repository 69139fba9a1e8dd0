package dev.nexus.store;

import dev.nexus.gateway.ModelRoute;
import dev.nexus.gateway.ModelRouteRepository;
import dev.nexus.gateway.RouteWrite;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Model routes in SQL. Creation time orders the routes; the unique index guards (client model, provider). */
public final class SqlModelRoutes implements ModelRouteRepository {
    private static final String COLUMNS = "id, client_model, provider, target_model, fallbacks, is_active";

    private final Jdbi jdbi;
    private final Clock clock;

    public SqlModelRoutes(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    @Override
    public List<ModelRoute> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM model_routes ORDER BY created_at, id")
                .map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public Optional<ModelRoute> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    @Override
    public void replaceAll(List<ModelRoute> routes) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM model_routes").execute();
            long now = clock.millis();
            for (int i = 0; i < routes.size(); i++) {
                // Creation times one millisecond apart keep the file's order, which decides duplicate client models.
                insert(h, routes.get(i), now + i);
            }
            Revisions.bump(h, "model_routes");
        });
    }

    @Override
    public RouteWrite add(ModelRoute route) {
        try {
            return jdbi.inTransaction(h -> {
                Optional<ModelRoute> clash = sameClientAndProvider(h, route);
                if (clash.isPresent()) {
                    return new RouteWrite.Duplicate(clash.get());
                }
                long last = h.createQuery("SELECT COALESCE(MAX(created_at), 0) FROM model_routes").mapTo(Long.class).one();
                insert(h, route, Math.max(clock.millis(), last + 1));
                Revisions.bump(h, "model_routes");
                return new RouteWrite.Saved(find(h, route.id()).orElseThrow());
            });
        } catch (UnableToExecuteStatementException e) {
            return lostRace(route, e);
        }
    }

    @Override
    public RouteWrite update(ModelRoute route) {
        try {
            return jdbi.inTransaction(h -> {
                if (find(h, route.id()).isEmpty()) {
                    return new RouteWrite.Missing(route.id());
                }
                Optional<ModelRoute> clash = sameClientAndProvider(h, route);
                if (clash.isPresent()) {
                    return new RouteWrite.Duplicate(clash.get());
                }
                h.createUpdate("UPDATE model_routes SET client_model = :client, provider = :provider, target_model = :target,"
                                + " fallbacks = :fallbacks, is_active = :active, updated_at = :now WHERE id = :id")
                        .bind("id", route.id()).bind("client", route.clientModel()).bind("provider", route.provider())
                        .bind("target", route.targetModel()).bind("fallbacks", Fallbacks.write(route.fallbacks()))
                        .bind("active", route.active()).bind("now", clock.millis()).execute();
                Revisions.bump(h, "model_routes");
                return new RouteWrite.Saved(find(h, route.id()).orElseThrow());
            });
        } catch (UnableToExecuteStatementException e) {
            return lostRace(route, e);
        }
    }

    @Override
    public boolean remove(String id) {
        return jdbi.inTransaction(h -> {
            int deleted = h.createUpdate("DELETE FROM model_routes WHERE id = :id").bind("id", id).execute();
            if (deleted > 0) {
                Revisions.bump(h, "model_routes");
            }
            return deleted > 0;
        });
    }

    @Override
    public long revision() {
        return Revisions.read(jdbi, "model_routes");
    }

    /** Another writer inserted the same (client model, provider) between our check and our write. */
    private RouteWrite lostRace(ModelRoute route, UnableToExecuteStatementException e) {
        return jdbi.withHandle(h -> sameClientAndProvider(h, route)).<RouteWrite>map(RouteWrite.Duplicate::new).orElseThrow(() -> e);
    }

    private static Optional<ModelRoute> sameClientAndProvider(Handle h, ModelRoute route) {
        return h.createQuery("SELECT " + COLUMNS + " FROM model_routes WHERE client_model = :client AND provider = :provider"
                        + " AND id <> :id")
                .bind("client", route.clientModel()).bind("provider", route.provider()).bind("id", route.id())
                .map((rs, ctx) -> read(rs)).findFirst();
    }

    private static Optional<ModelRoute> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM model_routes WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs)).findOne();
    }

    private static void insert(Handle h, ModelRoute r, long createdAt) {
        h.createUpdate("INSERT INTO model_routes (id, client_model, provider, target_model, fallbacks, is_active,"
                        + " created_at, updated_at) VALUES (:id, :client, :provider, :target, :fallbacks, :active, :at, :at)")
                .bind("id", r.id()).bind("client", r.clientModel()).bind("provider", r.provider())
                .bind("target", r.targetModel()).bind("fallbacks", Fallbacks.write(r.fallbacks()))
                .bind("active", r.active()).bind("at", createdAt).execute();
    }

    private static ModelRoute read(ResultSet rs) throws SQLException {
        return new ModelRoute(rs.getString("id"), rs.getString("client_model"), rs.getString("provider"),
                rs.getString("target_model"), Fallbacks.read(rs.getString("fallbacks")), rs.getBoolean("is_active"));
    }
}
