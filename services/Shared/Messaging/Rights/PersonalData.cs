using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialPrescribing.Contracts;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.Messaging.Inbox;
using SocialPrescribing.Messaging.Outbox;

namespace SocialPrescribing.Messaging.Rights;

/// <summary>
/// What a service holds of one person: its records by kind (serialised as they are stored, every field),
/// and the ids of those records, whose audit entries go with them ("who looked at my record").
/// </summary>
public sealed record PersonalDataPart(IReadOnlyDictionary<string, object> Records, IReadOnlyList<Guid> RecordIds);

/// <summary>
/// Answers a subject access request with this service's part, in the consumer's transaction (the answer
/// goes out through the outbox): each service says how it finds the person's records from the
/// referral and case ids Intake gives (<see cref="GatherAsync"/>).
/// </summary>
public abstract class SubjectAccessContributor<TDbContext>(TDbContext db, TimeProvider time, string service)
    : InboxConsumer<SubjectAccessRequested, TDbContext>(db, time)
    where TDbContext : DbContext
{
    /// <summary>Every field, camelCase, enums as words, cycles cut: a person may read it as well as a machine.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    protected override async Task HandleAsync(ConsumeContext<SubjectAccessRequested> context, CancellationToken cancellationToken)
    {
        var request = context.Message;
        var part = await GatherAsync(request.ReferralIds, request.CaseIds, cancellationToken);
        var records = new Dictionary<string, object>(part.Records)
        {
            ["auditEntries"] = await Db.ForRecordsAsync(service, part.RecordIds, cancellationToken),
        };
        var now = Time.GetUtcNow();
        Db.AddIntegrationEvent(
            new SubjectAccessContributed(Guid.CreateVersion7(now), now, request.RequestId, service, JsonSerializer.Serialize(records, Json)),
            request.RequestId.ToString());
    }

    /// <summary>This service's records of the person, read without tracking.</summary>
    protected abstract Task<PersonalDataPart> GatherAsync(IReadOnlyList<Guid> referralIds, IReadOnlyList<Guid> caseIds, CancellationToken cancellationToken);
}
