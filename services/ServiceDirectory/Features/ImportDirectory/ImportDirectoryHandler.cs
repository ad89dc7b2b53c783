using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SocialPrescribing.Messaging.Audit;
using SocialPrescribing.ServiceDirectory.Infrastructure.Import;

namespace SocialPrescribing.ServiceDirectory.Features.ImportDirectory;

/// <summary>Every write to the directory's services goes through the import's checks, for the API and the admin pages alike.</summary>
public static class ImportDirectoryHandler
{
    /// <summary>A package of a few thousand fully described services; anything larger is split.</summary>
    public const int MaxImportBytes = 16 * 1024 * 1024;

    /// <summary>Rejections listed in full; past this many the report counts the rest.</summary>
    public const int MaxRejectionsReported = 200;

    /// <summary>Every write to the directory's services goes through here: the import's checks, and an audit entry per service written.</summary>
    public static Task<(ImportReport? Report, IReadOnlyList<ImportRejection> Rejected)> ImportAuditedAsync(
        AdminServices services, JsonElement package, CancellationToken cancellationToken) =>
        new OrukImport(services.Db, services.Time).ImportAsync(
            package, ids => services.Db.Audit(services.Http, "write", DirectoryAudit.Service, ids, services.Time), cancellationToken);

    /// <summary>The 400 an import answers when it stored nothing: every rejected record, where it is in the file and why.</summary>
    public static ProblemHttpResult Rejected(IReadOnlyList<ImportRejection> rejected) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Nothing was imported",
        detail: rejected.Count == 1 && rejected[0].Index < 0
            ? rejected[0].Reasons[0]
            : $"{rejected.Count} of the records cannot be taken as they are, so none were stored. Correct them and send the whole file again.",
        extensions: new Dictionary<string, object?>
        {
            ["rejected"] = rejected.Take(MaxRejectionsReported).ToList(),
            ["rejected_count"] = rejected.Count,
        });
}
