/// The contract this server answers to (`Resources/openapi.yaml`, compiled into the
/// binary), served at `/api/v1/console/openapi.yaml`. Tests hold it against the
/// router and the endpoint table, both ways, scopes included.
enum OpenAPIDocument {
    static let yaml = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
}
