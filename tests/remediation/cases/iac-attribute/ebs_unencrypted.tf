resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 200
  encrypted         = false # ruleid: TD-I028
}
