using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialPrescribing.ServiceDirectory.Model;

namespace SocialPrescribing.ServiceDirectory.Infrastructure.Import;

/// <summary>A record the import turned away: where it is in the file, which one, and every reason.</summary>
public sealed record ImportRejection(int Index, Guid? Id, string? Name, IReadOnlyList<string> Reasons);

/// <summary>What an import changed.</summary>
public sealed record ImportReport(
    int ServicesCreated, int ServicesUpdated, int OrganizationsCreated, int OrganizationsUpdated, int LocationsCreated, int LocationsUpdated)
{
    public IReadOnlyList<Guid> ServiceIds { get; init; } = [];
}

/// <summary>
/// Loads ORUK 3.0 services (a <c>service_package</c>: a JSON array of fully nested services) into the
/// directory, all or nothing. Every record is checked against the ORUK schema and against what the
/// directory needs (a known organisation, needs it knows, sensible ages and times); if any record
/// fails, nothing is stored and every failure is reported. A service or organisation whose id is
/// already here is replaced by the file's version (its free places stay the inbox's to count).
/// </summary>
public sealed partial class OrukImport(DirectoryDbContext db, TimeProvider time)
{
    public const string ServiceSchema = "compiled/service.json";
    private const int MaxReasonsPerRecord = 12;
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Imports <paramref name="package"/>; or, when anything in it is wrong, stores nothing and says what.
    /// <paramref name="beforeSave"/> may stage more (an audit of the services written) to commit with it.
    /// </summary>
    public async Task<(ImportReport? Report, IReadOnlyList<ImportRejection> Rejected)> ImportAsync(
        JsonElement package, Action<IReadOnlyList<Guid>>? beforeSave, CancellationToken cancellationToken)
    {
        if (package.ValueKind != JsonValueKind.Array)
        {
            return (null, [new ImportRejection(-1, null, null,
                ["An ORUK import is a service package: a JSON array of services, each as /api/directory/services/{id} gives it."])]);
        }

        if (package.GetArrayLength() == 0)
        {
            return (null, [new ImportRejection(-1, null, null, ["The package has no services in it."])]);
        }

        var (services, rejected) = Read(package);
        if (rejected.Count == 0)
        {
            rejected.AddRange(await CheckAgainstDirectoryAsync(services, cancellationToken));
        }

        if (rejected.Count > 0)
        {
            return (null, rejected);
        }

        try
        {
            return (await StoreAsync([.. services.Select(s => s.Service)], beforeSave, cancellationToken), []);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            db.ChangeTracker.Clear();
            return (null, [new ImportRejection(-1, null, null,
                [$"An id in the file already belongs to a different record in the directory ({unique.ConstraintName}); give it a new id."])]);
        }
    }

    /// <summary>Each record against the ORUK schema, then read; the first pass of checks needs nothing but the file.</summary>
    private static (List<(int Index, ServiceInput Service)> Services, List<ImportRejection> Rejected) Read(JsonElement package)
    {
        var services = new List<(int, ServiceInput)>();
        var rejected = new List<ImportRejection>();
        var seen = new Dictionary<string, HashSet<Guid>>();
        var index = 0;
        foreach (var element in package.EnumerateArray())
        {
            var reasons = new List<string>(OrukSchemas.Check(ServiceSchema, element));
            ServiceInput? service = null;
            if (reasons.Count == 0)
            {
                try
                {
                    service = element.Deserialize<ServiceInput>(JsonOptions);
                }
                catch (JsonException ex)
                {
                    reasons.Add($"{ex.Path}: not the kind of value ORUK expects there.");
                }
            }

            if (service is not null)
            {
                reasons.AddRange(CheckRecord(service));
                reasons.AddRange(CheckIdsUnique(service, seen));
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new ImportRejection(index, IdOf(element), NameOf(element), [.. reasons.Take(MaxReasonsPerRecord)]));
            }
            else
            {
                services.Add((index, service!));
            }

            index++;
        }

        return (services, rejected);
    }

    /// <summary>What the directory needs of a service beyond the schema (the database's limits among them).</summary>
    internal static IEnumerable<string> CheckRecord(ServiceInput s) => OrukRecordChecks.Check(s);

    /// <summary>Two records of a kind with one id would overwrite each other: each id once per file.</summary>
    private static IEnumerable<string> CheckIdsUnique(ServiceInput s, Dictionary<string, HashSet<Guid>> seen)
    {
        var ids = new List<(string Kind, Guid Id)> { ("service", s.Id) };
        ids.AddRange((s.Attributes ?? []).Select(x => ("attribute", x.Id)));
        ids.AddRange((s.Schedules ?? []).Select(x => ("schedule", x.Id)));
        ids.AddRange((s.ServiceAreas ?? []).Select(x => ("service area", x.Id)));
        ids.AddRange((s.Languages ?? []).Select(x => ("language", x.Id)));
        ids.AddRange((s.CostOptions ?? []).Select(x => ("cost option", x.Id)));
        ids.AddRange((s.Contacts ?? []).Select(x => ("contact", x.Id)));
        ids.AddRange((s.Contacts ?? []).SelectMany(c => c.Phones ?? []).Select(x => ("phone", x.Id)));
        ids.AddRange((s.ServiceAtLocations ?? []).Select(x => ("service at location", x.Id)));
        foreach (var (kind, id) in ids)
        {
            var kindSeen = seen.TryGetValue(kind, out var set) ? set : seen[kind] = [];
            if (!kindSeen.Add(id))
            {
                yield return $"the {kind} id {id} appears more than once in the file.";
            }
        }
    }

    /// <summary>Organisations, needs and locations named only by id must already be here (or elsewhere in the file).</summary>
    private async Task<List<ImportRejection>> CheckAgainstDirectoryAsync(List<(int Index, ServiceInput Service)> services, CancellationToken cancellationToken)
    {
        var terms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        var inFile = services.Select(s => s.Service).ToList();
        var organizationsInFile = inFile.Where(s => s.Organization is not null).Select(s => s.Organization!.Id).ToHashSet();
        var namedOrganizations = inFile.Where(s => s.Organization is null).Select(s => s.OrganizationId!.Value).Distinct().ToList();
        var knownOrganizations = (await db.Organizations.Where(o => namedOrganizations.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken)).ToHashSet();
        var locationsInFile = inFile.SelectMany(Places).Where(p => p.Location is not null).Select(p => p.Location!.Id).ToHashSet();
        var namedLocations = inFile.SelectMany(Places).Where(p => p.Location is null).Select(p => p.LocationId!.Value).Distinct().ToList();
        var knownLocations = (await db.Locations.Where(l => namedLocations.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();

        var rejected = new List<ImportRejection>();
        foreach (var (index, service) in services)
        {
            var reasons = new List<string>();
            if (service.Organization is null && service.OrganizationId is { } organizationId
                && !organizationsInFile.Contains(organizationId) && !knownOrganizations.Contains(organizationId))
            {
                reasons.Add($"/organization_id: there is no organisation {organizationId} in the directory or in the file.");
            }

            foreach (var (attribute, i) in (service.Attributes ?? []).Select((a, i) => (a, i)))
            {
                if (Resolve(attribute, terms) is null)
                {
                    reasons.Add($"/attributes/{i}: '{attribute.TaxonomyTerm?.Code ?? attribute.TaxonomyTerm?.Name ?? attribute.TaxonomyTermId?.ToString()}' " +
                                "is not one of the directory's needs (see /api/directory/taxonomy_terms).");
                }
            }

            foreach (var (place, i) in Places(service).Select((p, i) => (p, i)))
            {
                if (place.Location is null && place.LocationId is { } locationId && !locationsInFile.Contains(locationId) && !knownLocations.Contains(locationId))
                {
                    reasons.Add($"/service_at_locations/{i}/location_id: there is no location {locationId} in the directory or in the file.");
                }
            }

            if (reasons.Count > 0)
            {
                rejected.Add(new ImportRejection(index, service.Id, service.Name, [.. reasons.Take(MaxReasonsPerRecord)]));
            }
        }

        return rejected;
    }

    /// <summary>One of our needs: by the term's id, its need code, or its name.</summary>
    private static TaxonomyTerm? Resolve(AttributeInput attribute, List<TaxonomyTerm> terms) =>
        terms.FirstOrDefault(t => t.Id == (attribute.TaxonomyTermId ?? attribute.TaxonomyTerm?.Id))
        ?? terms.FirstOrDefault(t => attribute.TaxonomyTerm?.Code is { } code && string.Equals(t.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? terms.FirstOrDefault(t => attribute.TaxonomyTerm?.Name is { } name && string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<ServiceAtLocationInput> Places(ServiceInput s) => s.ServiceAtLocations ?? [];

    /// <summary>Writes every record in one transaction: replaced records lose the nested parts the file no longer has.</summary>
    private async Task<ImportReport> StoreAsync(List<ServiceInput> services, Action<IReadOnlyList<Guid>>? beforeSave, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var terms = await db.TaxonomyTerms.AsNoTracking().ToListAsync(cancellationToken);
        var serviceIds = services.Select(s => s.Id).ToList();
        var organizations = services.Where(s => s.Organization is not null).Select(s => s.Organization!).DistinctBy(o => o.Id).ToList();
        var organizationIds = organizations.Select(o => o.Id).ToList();
        var locations = services.SelectMany(Places).Select(p => p.Location).OfType<LocationInput>().DistinctBy(l => l.Id).ToList();
        var locationIds = locations.Select(l => l.Id).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existingOrganizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var existingLocations = await db.Locations.Where(l => locationIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, cancellationToken);
        var existingServices = await db.Services.Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);

        // The nested parts of what is replaced go first, so the file's version is all that remains.
        var replacedLocations = existingLocations.Keys.ToList();
        await db.Set<Address>().Where(a => replacedLocations.Contains(a.LocationId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Accessibility>().Where(a => replacedLocations.Contains(a.LocationId)).ExecuteDeleteAsync(cancellationToken);
        var replacedServices = existingServices.Keys.ToList();
        await db.Set<ServiceAttribute>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Schedule>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ServiceArea>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Language>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CostOption>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Contact>().Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ServiceAtLocations.Where(x => replacedServices.Contains(x.ServiceId)).ExecuteDeleteAsync(cancellationToken);

        foreach (var input in organizations)
        {
            var organization = existingOrganizations.GetValueOrDefault(input.Id) ?? db.Organizations.Add(new Organization { Id = input.Id }).Entity;
            Apply(input, organization);
        }

        foreach (var input in locations)
        {
            var location = existingLocations.GetValueOrDefault(input.Id) ?? db.Locations.Add(new Location { Id = input.Id }).Entity;
            Apply(input, location);
        }

        foreach (var input in services)
        {
            var service = existingServices.GetValueOrDefault(input.Id) ?? db.Services.Add(new Service { Id = input.Id }).Entity;
            Apply(input, service, terms, now);
        }

        beforeSave?.Invoke(serviceIds);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new ImportReport(
            services.Count - existingServices.Count, existingServices.Count,
            organizations.Count - existingOrganizations.Count, existingOrganizations.Count,
            locations.Count - existingLocations.Count, existingLocations.Count)
        {
            ServiceIds = serviceIds,
        };
    }
}
