using System.Net;

namespace SocialPrescribing.CaseManagement.Infrastructure;

/// <summary>The Notifications service: every message about a case (to the person and about them), with its status.</summary>
public sealed class NotificationsClient(HttpClient http)
{
    private const string Service = "Notifications";

    /// <summary>The case's messages, oldest first (none when the service has not heard of the case yet).</summary>
    public async Task<IReadOnlyList<CaseMessage>> CaseMessagesAsync(Guid caseId, CancellationToken cancellationToken)
    {
        using var response = await IntakeClient.Call(Service, () => http.GetAsync($"/api/notifications/cases/{caseId}/notices", cancellationToken));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        return (await IntakeClient.Read<CaseMessages>(response, Service, cancellationToken)).Notices;
    }

    private sealed record CaseMessages(IReadOnlyList<CaseMessage> Notices);

    /// <summary>The caller's alerts not yet seen (an urgent case not reached, a provider's decline).</summary>
    public async Task<IReadOnlyList<StaffAlert>> AlertsAsync(CancellationToken cancellationToken)
    {
        using var response = await IntakeClient.Call(Service, () => http.GetAsync("/api/notifications/alerts", cancellationToken));
        return (await IntakeClient.Read<AlertList>(response, Service, cancellationToken)).Alerts;
    }

    /// <summary>Marks one of the caller's alerts seen (false when it is not theirs or gone).</summary>
    public async Task<bool> SeenAsync(Guid alertId, CancellationToken cancellationToken)
    {
        using var response = await IntakeClient.Call(Service, () => http.PostAsync($"/api/notifications/alerts/{alertId}/seen", null, cancellationToken));
        return response.IsSuccessStatusCode;
    }

    private sealed record AlertList(IReadOnlyList<StaffAlert> Alerts);
}

/// <summary>An alert to the signed-in staff member, shown on their caseload until seen.</summary>
public sealed record StaffAlert(Guid Id, string Kind, string Title, Guid CaseId, string CaseReference, DateTimeOffset CreatedAt);

/// <summary>One message as the Notifications service shows it to staff (never the address).</summary>
public sealed record CaseMessage(
    Guid Id, string Kind, string Title, string? Channel, string Status, string? Problem, DateTimeOffset CreatedAt, DateTimeOffset DueAt,
    DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, string? Subject, string? Body);
