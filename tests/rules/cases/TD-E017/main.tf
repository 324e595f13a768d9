resource "aws_ecs_task_definition" "agent" {
  family = "agent"
  # ruleid: TD-E017
  container_definitions = jsonencode([
    {
      name       = "agent"
      image      = "example/agent:1.4"
      privileged = true
    }
  ])
}

resource "aws_ecs_task_definition" "api" {
  family = "api"
  # ok: TD-E017
  container_definitions = jsonencode([
    {
      name       = "api"
      image      = "example/api:2.0"
      privileged = false
    }
  ])
}
