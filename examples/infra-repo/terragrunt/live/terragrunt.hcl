# Remote state for every unit below this folder. The S3 key is the unit's path, so a new cluster
# folder needs no state configuration of its own.
locals {
  prefix                 = yamldecode(file("global_values.yaml"))["prefix"]
  project                = yamldecode(file("global_values.yaml"))["project"]
  tf_state_bucket_region = yamldecode(file("global_values.yaml"))["tf_state_bucket_region"]
}

remote_state {
  backend = "s3"
  config = {
    bucket         = "${local.prefix}-${local.project}-tg-state-store"
    dynamodb_table = "${local.prefix}-${local.project}-tg-state-lock"
    region         = local.tf_state_bucket_region
    encrypt        = true
    key            = "${path_relative_to_include()}/terraform.tfstate"
  }
  generate = {
    path      = "backend.tf"
    if_exists = "overwrite_terragrunt"
  }
}
