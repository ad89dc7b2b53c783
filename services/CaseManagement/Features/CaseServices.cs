using Microsoft.EntityFrameworkCore;
using SocialPrescribing.CaseManagement.Infrastructure;
using SocialPrescribing.CaseManagement.Model;
using SocialPrescribing.Messaging.Audit;

namespace SocialPrescribing.CaseManagement.Features;

/// <summary>What every use case of a case uses: the database, the request (who is asking), the clock; and reading a case as its audit requires.</summary>
public sealed record CaseServices(CaseDbContext Db, HttpContext Http, TimeProvider Time)
{
    public const string AuditResource = "case";

    /// <summary>The whole case, if the caller may see it (not tracked: for reading).</summary>
    public Task<Case?> LoadVisibleAsync(Guid id, CancellationToken cancellationToken) =>
        Db.Cases.AsNoTracking().AsSplitQuery().VisibleTo(Http.User).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Every read of a case is recorded in the case database before it is returned.</summary>
    public async Task AuditReadAsync(IEnumerable<Guid> caseIds, CancellationToken cancellationToken)
    {
        Db.Audit(Http, "read", AuditResource, caseIds, Time);
        await Db.SaveChangesAsync(cancellationToken);
    }
}
