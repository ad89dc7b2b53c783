using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.ServiceDirectory.Infrastructure;

namespace SocialPrescribing.ServiceDirectory.Features.OrukRecords;

/// <summary>
/// How a service has answered referrals over the last <see cref="Days"/> days, from its real inbox:
/// how many came, the share it took on (of those answered or left to expire), and the median days to
/// an answer. Null figures where there is nothing to go on yet.
/// </summary>
public sealed record ReferralHistory(
    [property: JsonPropertyName("received")] int Received,
    [property: JsonPropertyName("acceptance_rate")] double? AcceptanceRate,
    [property: JsonPropertyName("median_response_days")] double? MedianResponseDays)
{
    public const int Days = 180;

    public static readonly ReferralHistory None = new(0, null, null);

    /// <summary>The history of each of <paramref name="serviceIds"/> (services with none are left out), in one query.</summary>
    public static async Task<Dictionary<Guid, ReferralHistory>> LoadAsync(
        DirectoryDbContext db, IReadOnlyCollection<Guid> serviceIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var history = new Dictionary<Guid, ReferralHistory>();
        if (serviceIds.Count == 0)
        {
            return history;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // EF Core's own open and close: it closes the connection only if this call opened it.
        await db.Database.OpenConnectionAsync(cancellationToken);

        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT service_id, count(*)::int, " +
                "count(*) FILTER (WHERE status IN ('accepted', 'completed'))::int, " +
                "count(*) FILTER (WHERE status IN ('accepted', 'completed', 'declined', 'expired'))::int, " +
                "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - received_at)) " +
                "  FILTER (WHERE answered_at IS NOT NULL AND status <> 'expired') / 86400 " +
                "FROM provider_referrals WHERE service_id = ANY($1) AND received_at >= $2 GROUP BY service_id", connection)
            {
                Parameters = { new NpgsqlParameter { Value = serviceIds.ToArray() }, new NpgsqlParameter { Value = now.AddDays(-Days) } },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (received, accepted, decided) = (reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
                history[reader.GetGuid(0)] = new ReferralHistory(
                    received,
                    decided == 0 ? null : Math.Round((double)accepted / decided, 2),
                    reader.IsDBNull(4) ? null : Math.Round(reader.GetDouble(4), 1));
            }

            return history;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
