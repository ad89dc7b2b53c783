namespace SocialPrescribing.CaseManagement.Model;

/// <summary>
/// A link worker the service knows, learnt from their token the first time they use it (so the
/// roster works the same with the suite's Identity service or an external provider): their user id,
/// names and teams. New cases of a team go to its link worker with the fewest open cases.
/// </summary>
public sealed class LinkWorker
{
    public string UserId { get; set; } = "";

    /// <summary>The sign-in name (<c>linkworker</c>).</summary>
    public string? UserName { get; set; }

    /// <summary>The name to show colleagues (<c>Lee Linkworker</c>).</summary>
    public string? DisplayName { get; set; }

    public List<string> Teams { get; set; } = [];

    /// <summary>Takes new cases; a manager can stop that for someone who is away or has left.</summary>
    public bool Active { get; set; } = true;

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>
    /// How many open cases they hold, kept by the database itself (a trigger on <c>cases</c>, see the
    /// OpenCaseCounts migration) in the same transaction as the change, so choosing who takes a new
    /// case costs the same with 20 open cases or 20,000. Never written by the service.
    /// </summary>
    public int OpenCases { get; private set; }

    public string Name => DisplayName ?? UserName ?? UserId;
}
