# Paths (relative to the repository) written only by Scripts/generate.sh and compared by
# Scripts/check-generated.sh. Sourced by both.
generated_paths=(
    Sources/CProtoDescriptor/google
    Sources/CProtoDescriptor/include
    Sources/CHeraldProtos/herald
    Sources/CHeraldProtos/include
    Sources/HeraldProtos/Generated
    Sources/HeraldRPC/Generated
)
