namespace SocialPrescribing.Messaging.Audit;

/// <summary>
/// One access to a person's record: who, what, when and through which route. Append-only: the table
/// refuses UPDATE and DELETE (see <see cref="AuditModelBuilderExtensions"/>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The token's subject (a user id or an integration client id), or <c>anonymous</c>.</summary>
    public string Actor { get; private set; } = "";

    /// <summary>The actor's roles when it acted, comma-separated.</summary>
    public string ActorRoles { get; private set; } = "";

    /// <summary><c>read</c> or <c>write</c>.</summary>
    public string Action { get; private set; } = "";

    /// <summary>What kind of record: <c>referral</c>, <c>case</c>, …</summary>
    public string ResourceType { get; private set; } = "";

    public Guid ResourceId { get; private set; }

    /// <summary>The HTTP method and route template (never the concrete URL, which may carry personal data).</summary>
    public string Route { get; private set; } = "";

    private AuditEntry()
    {
    }

    internal AuditEntry(DateTimeOffset at, string actor, string actorRoles, string action, string resourceType, Guid resourceId, string route)
    {
        At = at;
        Actor = actor;
        ActorRoles = actorRoles;
        Action = action;
        ResourceType = resourceType;
        ResourceId = resourceId;
        Route = route;
    }
}
