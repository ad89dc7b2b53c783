using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialPrescribing.Messaging.Outbox;
using SocialPrescribing.ReferralIntake.Infrastructure;
using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SendGpSummary;

/// <summary>
/// Sends the GP summaries that are due (every <see cref="GpSystems.PollInterval"/>): each is POSTed to its practice's
/// system as a FHIR message; a 2xx answer acknowledges it, anything else (or no answer within 30 seconds) is tried again on
/// <see cref="GpSystems.Delays"/> until it has failed. The row is locked while it is sent (<c>FOR UPDATE SKIP LOCKED</c>:
/// another copy of the service sends the others) and its new state commits with the report to Case Management (outbox).
/// </summary>
public sealed partial class GpSummaryDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory clients, IOptions<GpSystems> systems, TimeProvider time, ILogger<GpSummaryDispatcher> logger) : BackgroundService
{
    public const string Client = "gp-systems";

    private const int MaxPerPass = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(systems.Value.PollInterval, time);
        do
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends what is due now, one at a time; returns how many were tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var tried = 0;
        for (; tried < MaxPerPass; tried++)
        {
            if (!await SendOneAsync(cancellationToken))
            {
                break;
            }
        }

        return tried;
    }

    private async Task<bool> SendOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var delivery = await db.GpDeliveries
            .FromSql($"SELECT * FROM gp_deliveries WHERE status = 'sending' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        var (taken, answer) = await PostAsync(delivery, cancellationToken);
        now = time.GetUtcNow();
        var report = taken ? delivery.Acknowledged(answer, now) : delivery.AttemptFailed(answer, systems.Value.Delays, now);
        db.AddIntegrationEvent(report, delivery.CaseId.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSent(logger, delivery.Id, delivery.Status, delivery.Attempts);
        return true;
    }

    /// <summary>Whether the GP system took the message, and what it said (its OperationOutcome's words where it sent one).</summary>
    private async Task<(bool Taken, string Answer)> PostAsync(GpDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(delivery.Body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            using var response = await clients.CreateClient(Client).PostAsync(delivery.Endpoint, content, timeout.Token);
            var said = await OutcomeWordsAsync(response, timeout.Token);
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".Trim();
            return (response.IsSuccessStatusCode,
                response.IsSuccessStatusCode ? $"Acknowledged by the GP system ({status}){said}" : $"The GP system refused it ({status}){said}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, $"The GP system could not be reached ({ex.GetType().Name}).");
        }
    }

    private static async Task<string> OutcomeWordsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return body.Contains("OperationOutcome", StringComparison.Ordinal) && new FhirJsonDeserializer().Deserialize<OperationOutcome>(body) is { } outcome
                   && outcome.Issue.Select(i => i.Diagnostics ?? i.Details?.Text).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d)) is { } words
                ? $": {words}"
                : "";
        }
        catch (DeserializationFailedException)
        {
            return "";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GP summary delivery {DeliveryId}: {Status} after {Attempts} attempt(s)")]
    private static partial void LogSent(ILogger logger, Guid deliveryId, string status, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending GP summaries failed ({Error}); trying again at the next pass")]
    private static partial void LogFailed(ILogger logger, string error);
}
