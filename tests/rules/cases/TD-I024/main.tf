resource "aws_eks_cluster" "open" {
  name     = "clinic"
  role_arn = aws_iam_role.eks.arn
  vpc_config {
    subnet_ids             = var.private_subnets
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"] # ruleid: TD-I024
  }
}

# ruleid: TD-I024
resource "aws_eks_cluster" "defaults" {
  name     = "clinic-defaults"
  role_arn = aws_iam_role.eks.arn
  vpc_config {
    subnet_ids = var.private_subnets
  }
}

resource "aws_eks_cluster" "restricted" {
  name     = "clinic-restricted"
  role_arn = aws_iam_role.eks.arn
  vpc_config {
    subnet_ids          = var.private_subnets
    public_access_cidrs = ["203.0.113.0/24"] # ok: TD-I024
  }
}

resource "aws_eks_cluster" "private" {
  name     = "clinic-private"
  role_arn = aws_iam_role.eks.arn
  vpc_config {
    subnet_ids              = var.private_subnets
    endpoint_private_access = true
    endpoint_public_access  = false # ok: TD-I024
  }
}

# ruleid: TD-I024
resource "google_container_cluster" "gke" {
  name     = "clinic"
  location = "europe-west1"
}

# ok: TD-I024
resource "google_container_cluster" "gke_private" {
  name = "clinic-private"
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block = "10.0.0.0/8"
    }
  }
}
