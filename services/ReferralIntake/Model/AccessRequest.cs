namespace SocialPrescribing.ReferralIntake.Model;

/// <summary>
/// A subject access request (UK GDPR Article 15): a manager asked for everything the suite holds about a
/// person. Every service that holds their data contributes a part; when all have, the export is put
/// together as one JSON document and one printable page, each downloadable once, and kept for the
/// schedule's <c>Retention:Exports</c> (30 days; then its contents go, the record of the request stays).
/// </summary>
public sealed class AccessRequest
{
    /// <summary>The services asked for their part, besides Intake's own.</summary>
    public static readonly IReadOnlyList<string> Contributors = [ResourceNames.CaseManagement, ResourceNames.WellbeingMetrics, ResourceNames.ServiceDirectory, ResourceNames.Notifications];

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When every part was in and the export was put together.</summary>
    public DateTimeOffset? ReadyAt { get; private set; }

    /// <summary>The export as JSON (null until ready, and again once expired).</summary>
    public string? Json { get; private set; }

    /// <summary>The export as a printable HTML page (null until ready, and again once expired).</summary>
    public string? Html { get; private set; }

    public DateTimeOffset? JsonDownloadedAt { get; private set; }

    public DateTimeOffset? HtmlDownloadedAt { get; private set; }

    public List<AccessRequestPart> Parts { get; private set; } = [];

    private AccessRequest()
    {
    }

    public static AccessRequest Start(Guid personId, string by, DateTimeOffset now, DateTimeOffset expiresAt) => new()
    {
        Id = Guid.CreateVersion7(now),
        PersonId = personId,
        RequestedBy = by,
        RequestedAt = now,
        ExpiresAt = expiresAt,
    };

    public string Status(DateTimeOffset now) => now >= ExpiresAt ? "expired" : ReadyAt is null ? "pending" : "ready";

    /// <summary>A service's part arrived (once: a repeat is ignored). True when it is the first time every part is in.</summary>
    public bool Add(string service, string data, DateTimeOffset now)
    {
        if (Parts.Any(p => p.Service == service) || !Contributors.Contains(service))
        {
            return false;
        }

        Parts.Add(new AccessRequestPart(service, data, now));
        return ReadyAt is null && Contributors.All(c => Parts.Any(p => p.Service == c));
    }

    public void Complete(string json, string html, DateTimeOffset now)
    {
        Json = json;
        Html = html;
        ReadyAt = now;
        // The parts are in the export now: no second copy is kept.
        foreach (var part in Parts)
        {
            part.Spend();
        }
    }

    /// <summary>Takes the export in one format for its one download; null when not ready, expired or already downloaded.</summary>
    public string? TakeDownload(bool html, DateTimeOffset now)
    {
        if (Status(now) != "ready")
        {
            return null;
        }

        if (html)
        {
            if (HtmlDownloadedAt is not null)
            {
                return null;
            }

            HtmlDownloadedAt = now;
            var page = Html;
            Html = null;
            return page;
        }

        if (JsonDownloadedAt is not null)
        {
            return null;
        }

        JsonDownloadedAt = now;
        var document = Json;
        Json = null;
        return document;
    }

    /// <summary>Kept long enough: the contents go, the record of the request stays.</summary>
    public bool Expire(DateTimeOffset now)
    {
        if (now < ExpiresAt || (Json is null && Html is null && Parts.All(p => p.Data is null)))
        {
            return false;
        }

        Json = null;
        Html = null;
        foreach (var part in Parts)
        {
            part.Spend();
        }

        return true;
    }
}

/// <summary>One service's part of an export, as it arrived (its data is dropped once the export is put together).</summary>
public sealed class AccessRequestPart
{
    public string Service { get; private set; } = "";

    public string? Data { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    private AccessRequestPart()
    {
    }

    public AccessRequestPart(string service, string data, DateTimeOffset at)
    {
        Service = service;
        Data = data;
        ReceivedAt = at;
    }

    public void Spend() => Data = null;
}
