using SocialPrescribing.Authentication;

namespace SocialPrescribing.Notifications.Model;

/// <summary>
/// A link worker or manager as their own calls describe them (user id, email, roles, team from their access token): where
/// their alerts go. Learned when they open their caseload or a case, kept up to date the same way.
/// </summary>
public sealed class StaffMember
{
    public string UserId { get; private set; } = "";

    public string? Email { get; private set; }

    public List<string> Roles { get; private set; } = [];

    public string? Team { get; private set; }

    public DateTimeOffset SeenAt { get; private set; }

    private StaffMember()
    {
    }

    public static StaffMember Seen(string userId, string? email, IEnumerable<string> roles, string? team, DateTimeOffset now) =>
        new() { UserId = userId, Email = email, Roles = [.. roles], Team = team, SeenAt = now };

    public void Update(string? email, IEnumerable<string> roles, string? team, DateTimeOffset now)
    {
        Email = email;
        Roles = [.. roles];
        Team = team;
        SeenAt = now;
    }
}

/// <summary>
/// An alert to staff, shown on the caseload until someone marks it seen (and emailed to each addressee whose email is
/// known): an urgent case not reached by 15:00, a safeguarding concern or a same-day risk review past its due time (to the
/// managers of the case's team), a provider's decline (to the case's link worker, or the managers when nobody holds the
/// case), a safeguarding concern raised (to the safeguarding leads). Safety-critical: no opt-out applies. Only the case's
/// reference and what happened — nothing about the person.
/// </summary>
public sealed class StaffAlert
{
    public Guid Id { get; private set; }

    /// <summary><c>urgent-not-reached</c> or <c>provider-declined</c> (a template's kind).</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The event (or, for the 15:00 check, the case) that raised it: with the kind, unique.</summary>
    public Guid SourceId { get; private set; }

    /// <summary>The link worker it is for; null when it is for everyone holding <see cref="Role"/>.</summary>
    public string? UserId { get; private set; }

    /// <summary>Without a user: the role it is for — managers (the default) or safeguarding leads.</summary>
    public string Role { get; private set; } = SuiteRoles.Manager;

    /// <summary>Without a user: those of the role in this team, and those who cover every team.</summary>
    public string? Team { get; private set; }

    public Guid CaseId { get; private set; }

    public string CaseReference { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SeenAt { get; private set; }

    public string? SeenBy { get; private set; }

    private StaffAlert()
    {
    }

    public static StaffAlert For(string kind, Guid sourceId, string? userId, KnownCase known, DateTimeOffset now, string role = SuiteRoles.Manager)
    {
        ArgumentNullException.ThrowIfNull(known);
        return new StaffAlert
        {
            Id = Guid.CreateVersion7(now), Kind = kind, SourceId = sourceId, UserId = userId, Role = role, Team = userId is null ? known.Team : null,
            CaseId = known.Id, CaseReference = known.Reference ?? "(reference not known yet)", CreatedAt = now,
        };
    }

    public bool ForManagers => UserId is null && Role == SuiteRoles.Manager;

    public void Seen(string by, DateTimeOffset now)
    {
        if (SeenAt is null)
        {
            SeenAt = now;
            SeenBy = by;
        }
    }
}
