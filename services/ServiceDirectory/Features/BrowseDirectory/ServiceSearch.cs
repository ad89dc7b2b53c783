using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.ServiceDirectory.Features.OrukRecords;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Features.BrowseDirectory;


/// <summary>
/// Finds services for a <see cref="ServiceQuery"/>: full-text (ranked), need, age, day and time, and
/// distance. Nearest first after a postcode, best match first after words, else by name. One SQL
/// statement answers the page and the total (a window count), so a search is one round trip.
/// Searches are planned for their own values each time (see Extensions.AddApplicationServices).
/// </summary>
public static class ServiceSearch
{
    public static Task<(IReadOnlyList<SearchHit> Hits, int Total)> FindAsync(
        DirectoryDbContext db, ServiceQuery query, Guid? termId, DateOnly today, CancellationToken cancellationToken) =>
        RunAsync(db, query, termId, today, atLocations: false, cancellationToken);

    /// <summary>
    /// As <see cref="FindAsync"/>, one entry per service at a location (a service running in two
    /// places is found twice, each with its own distance).
    /// </summary>
    public static Task<(IReadOnlyList<SearchHit> Hits, int Total)> FindAtLocationsAsync(
        DirectoryDbContext db, ServiceQuery query, Guid? termId, DateOnly today, CancellationToken cancellationToken) =>
        RunAsync(db, query, termId, today, atLocations: true, cancellationToken);

    private static async Task<(IReadOnlyList<SearchHit> Hits, int Total)> RunAsync(
        DirectoryDbContext db, ServiceQuery query, Guid? termId, DateOnly today, bool atLocations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var statement = SearchStatement.For(query, termId, today, atLocations);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // EF Core's own open and close: it closes the connection only if this call opened it.
        await db.Database.OpenConnectionAsync(cancellationToken);

        var hits = new List<SearchHit>(query.PerPage);
        long total = 0;
        try
        {
            await using (var command = new NpgsqlCommand(statement.Sql, connection))
            {
                command.Parameters.AddRange(statement.Parameters.ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    hits.Add(new SearchHit(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetDouble(1)));
                    total = reader.GetInt64(2);
                }
            }

            // A page past the end has no rows to carry the total: count again from the first page.
            if (hits.Count == 0 && query.Page > 1)
            {
                total = (await RunAsync(db, query with { Page = 1 }, termId, today, atLocations, cancellationToken)).Total;
            }

            return (hits, (int)total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
