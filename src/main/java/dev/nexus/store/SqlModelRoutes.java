package dev.nexus.store;

import dev.nexus.gateway.ModelRoute;
import dev.nexus.gateway.ModelRouteRepository;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Model routes in SQL. */
public final class SqlModelRoutes implements ModelRouteRepository {
    private final Jdbi jdbi;
    private final Clock clock;

    public SqlModelRoutes(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    @Override
    public List<ModelRoute> list() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, client_model, provider, target_model, fallbacks, is_active FROM model_routes ORDER BY created_at, id")
                .map((rs, ctx) -> new ModelRoute(rs.getString("id"), rs.getString("client_model"), rs.getString("provider"),
                        rs.getString("target_model"), Fallbacks.read(rs.getString("fallbacks")), rs.getBoolean("is_active")))
                .list());
    }

    @Override
    public void replaceAll(List<ModelRoute> routes) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM model_routes").execute();
            long now = clock.millis();
            for (int i = 0; i < routes.size(); i++) {
                ModelRoute r = routes.get(i);
                // Creation times one millisecond apart keep the file's order, which decides duplicate client models.
                h.createUpdate("INSERT INTO model_routes (id, client_model, provider, target_model, fallbacks, is_active,"
                                + " created_at, updated_at) VALUES (:id, :client, :provider, :target, :fallbacks, :active, :at, :at)")
                        .bind("id", r.id()).bind("client", r.clientModel()).bind("provider", r.provider())
                        .bind("fallbacks", Fallbacks.write(r.fallbacks()))
                        .bind("target", r.targetModel()).bind("active", r.active()).bind("at", now + i).execute();
            }
            Revisions.bump(h, "model_routes");
        });
    }

    @Override
    public long revision() {
        return Revisions.read(jdbi, "model_routes");
    }
}
