using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Notifications.Infrastructure;
using SocialPrescribing.Notifications.Model;

namespace SocialPrescribing.Notifications.Features.DeliveryReceipts;

/// <summary>
/// GOV.UK Notify's callbacks, with the bearer token the service gave it (else 401, nothing changed): a delivery receipt
/// marks the message delivered or undelivered on the case's timeline; a text sent back saying STOP stops that number's
/// messages, as the link in every message does. Unknown references are acknowledged (Notify would only send them again).
/// </summary>
public static partial class DeliveryReceiptEndpoints
{
    public static WebApplication MapDeliveryReceipts(this WebApplication app)
    {
        var group = app.MapGroup("/api/notifications/callbacks").WithTags("GOV.UK Notify callbacks").AllowAnonymous();
        group.MapPost("/delivery", DeliveryAsync).WithName("NotifyDeliveryReceipt")
            .WithSummary("GOV.UK Notify's delivery receipt (bearer token: Notify:CallbackToken)");
        group.MapPost("/received-text", ReceivedTextAsync).WithName("NotifyReceivedText")
            .WithSummary("A text a person sent back, from GOV.UK Notify (bearer token: Notify:CallbackToken); STOP stops their messages");
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeliveryAsync(
        DeliveryReceipt? receipt, HttpRequest request, IConfiguration configuration, NotificationsDbContext db, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!NotifyCallbacks.Authorised(request, configuration))
        {
            return Unauthorised();
        }

        if (receipt is null || string.IsNullOrWhiteSpace(receipt.Status))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a delivery receipt", detail: "The body must be Notify's delivery receipt: reference and status.");
        }

        if (Guid.TryParse(receipt.Reference, out var id) && await db.Notices.SingleOrDefaultAsync(n => n.Id == id, cancellationToken) is { } notice)
        {
            if (notice.Receipt(receipt.Status, receipt.CompletedAt ?? receipt.SentAt ?? DateTimeOffset.UtcNow))
            {
                await db.SaveChangesAsync(cancellationToken);
                LogReceipt(loggers.CreateLogger(typeof(DeliveryReceiptEndpoints)), notice.Id, receipt.Status);
            }
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ReceivedTextAsync(
        ReceivedText? text, HttpRequest request, IConfiguration configuration, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!NotifyCallbacks.Authorised(request, configuration))
        {
            return Unauthorised();
        }

        if (text is null || string.IsNullOrWhiteSpace(text.SourceNumber))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a received text", detail: "The body must be Notify's received text: source_number and content.");
        }

        var word = (text.Content ?? "").Trim().TrimEnd('.', '!').ToUpperInvariant();
        if (word is "STOP" or "STOP ALL" or "UNSUBSCRIBE" && MobileNumber.Normalise(text.SourceNumber) is { } mobile)
        {
            foreach (var recipient in await db.Recipients.Where(r => r.Mobile == mobile).ToListAsync(cancellationToken))
            {
                await Features.OptOut.OptOutHandler.StopAsync(db, recipient, time.GetUtcNow(), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Unauthorised() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not GOV.UK Notify",
            detail: "A callback must carry the bearer token this service gave GOV.UK Notify.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Notify says {NoticeId} is {Status}")]
    private static partial void LogReceipt(ILogger logger, Guid noticeId, string status);
}

/// <summary>Notify's delivery receipt (the fields used; the recipient's address in <c>to</c> is not read).</summary>
public sealed record DeliveryReceipt(
    string? Id,
    string? Reference,
    string? Status,
    [property: JsonPropertyName("completed_at")] DateTimeOffset? CompletedAt,
    [property: JsonPropertyName("sent_at")] DateTimeOffset? SentAt,
    [property: JsonPropertyName("notification_type")] string? NotificationType);

/// <summary>A text received by the service's Notify number.</summary>
public sealed record ReceivedText(
    string? Id,
    [property: JsonPropertyName("source_number")] string? SourceNumber,
    string? Content,
    [property: JsonPropertyName("date_received")] DateTimeOffset? DateReceived);
