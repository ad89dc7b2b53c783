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
}

/// <summary>One message as the Notifications service shows it to staff (never the address).</summary>
public sealed record CaseMessage(
    Guid Id, string Kind, string Title, string? Channel, string Status, string? Problem, DateTimeOffset CreatedAt, DateTimeOffset DueAt,
    DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, string? Subject, string? Body);
